import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** One part of the plan below its header: a Card section named by its h3, with how many items it lists. */
export function PlanSection({
  id,
  title,
  count,
  className,
  children,
}: {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: string;
  count?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card as="section" padding={5} aria-labelledby={id} className={className}>
      <h3 id={id} className="text-lg font-semibold">
        {title}
        {count === undefined ? null : ` (${count})`}
      </h3>
      {children}
    </Card>
  );
}
