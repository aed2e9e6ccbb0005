import type { ReactNode } from "react";

/** A section's h2, with how many items the section lists when `count` is given: "Updates (3)". */
export function SectionHeading({
  id,
  count,
  className = "mb-3",
  children,
}: {
  id?: string;
  count?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <h2 id={id} className={className || undefined}>
      {children}
      {count === undefined ? null : ` (${count})`}
    </h2>
  );
}
