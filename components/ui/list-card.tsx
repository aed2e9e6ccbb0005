import type { ReactNode } from "react";
import { CardSection } from "./card-section";
import { EmptyState } from "./empty-state";

/** A Card section holding a short list, or saying what is missing when the list is empty. */
export function ListCard<T>({
  id,
  title,
  count,
  className,
  items,
  itemKey,
  empty,
  emptyNext,
  footer,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  className?: string;
  items: readonly T[];
  itemKey: (item: T) => string;
  empty: ReactNode;
  emptyNext?: ReactNode;
  /** Below the list or the empty message: a link to the whole list, or a note on what was left out. */
  footer?: ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <CardSection id={id} title={title} count={count} headingClassName="" className={className}>
      {items.length === 0 ? (
        <EmptyState framed={false} className="mt-2" next={emptyNext}>
          {empty}
        </EmptyState>
      ) : (
        <ul className="mt-2 space-y-1">
          {items.map((item) => (
            <li key={itemKey(item)}>{children(item)}</li>
          ))}
        </ul>
      )}
      {footer}
    </CardSection>
  );
}
