import { Fragment, type ReactNode } from "react";

export interface Fact {
  label: string;
  /** Empty (null, undefined, "") leaves the whole row out. */
  value: ReactNode;
}

// Each layout styles its terms and values once, on the list, rather than on every row: a long page
// of records repeats these classes hundreds of times otherwise (issue 19).
const layouts = {
  /** Label and value side by side, for short values. */
  grid: "grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 [&>dt]:font-medium [&>dd]:break-words",
  /** Label above value, for a sentence or a paragraph. */
  stack: "space-y-1 [&>dt]:font-medium [&>dd]:whitespace-pre-wrap [&>dd]:break-words",
  /** Each label and value kept together, for paragraphs set apart. */
  groups: "space-y-2 [&_dt]:font-semibold [&_dd]:whitespace-pre-wrap [&_dd]:break-words",
} as const;

/** A record's fields as a definition list; rows without a value are left out. */
export function Facts({
  items,
  layout = "grid",
  className,
}: {
  items: Fact[];
  layout?: keyof typeof layouts;
  className?: string;
}) {
  const shown = items.filter((f) => f.value !== null && f.value !== undefined && f.value !== "");
  return (
    <dl className={`${layouts[layout]}${className ? ` ${className}` : ""}`}>
      {shown.map((f) =>
        layout === "groups" ? (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ) : (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </Fragment>
        ),
      )}
    </dl>
  );
}
