import type { ReactNode } from "react";

const paddings = { 4: "p-4", 5: "p-5", 6: "p-6" } as const;

/** The white panel pages are built from; `as` keeps the element (and landmark) the page needs. */
export function Card({
  as: Element = "div",
  padding = 6,
  className,
  children,
  ...attributes
}: {
  as?: "div" | "section" | "article" | "li" | "aside";
  padding?: keyof typeof paddings;
  className?: string;
  id?: string;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  children: ReactNode;
}) {
  const classes = `rounded-lg bg-white ${paddings[padding]} shadow-sm${className ? ` ${className}` : ""}`;
  return (
    <Element className={classes} {...attributes}>
      {children}
    </Element>
  );
}
