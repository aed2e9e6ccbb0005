import type { ReactNode } from "react";
import { Card } from "./card";
import { SectionHeading } from "./section-heading";

/** A Card that is a section named by its own h2 (the landmark screen readers list by that name). */
export function CardSection({
  id,
  title,
  count,
  headingClassName = "mb-4",
  padding,
  className,
  children,
}: {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ReactNode;
  count?: number;
  headingClassName?: string;
  padding?: 4 | 5 | 6;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card as="section" aria-labelledby={id} padding={padding} className={className}>
      <SectionHeading id={id} count={count} className={headingClassName}>
        {title}
      </SectionHeading>
      {children}
    </Card>
  );
}
