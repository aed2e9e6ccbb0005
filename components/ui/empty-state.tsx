import type { ReactNode } from "react";

/**
 * What a list shows when it has nothing: what is empty, then (when the reader can act) what to do next.
 * `framed` draws it as a panel of its own; inside a Card it stands as a plain paragraph.
 */
export function EmptyState({
  children,
  next,
  framed = true,
  className,
}: {
  children: ReactNode;
  /** The next step, for a reader who may take it; left out otherwise. */
  next?: ReactNode;
  framed?: boolean;
  className?: string;
}) {
  const frame = framed ? "rounded bg-white p-4 shadow-sm" : "";
  const classes = [frame, className].filter(Boolean).join(" ") || undefined;
  return (
    <p className={classes}>
      {children}
      {next ? <> {next}</> : null}
    </p>
  );
}
