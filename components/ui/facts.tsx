import { Fragment, type ReactNode } from "react";

export interface Fact {
  label: string;
  /** Empty (null, undefined, "") leaves the whole row out. */
  value: ReactNode;
}

const layouts = {
  /** Label and value side by side, for short values. */
  grid: "grid grid-cols-[auto_1fr] gap-x-3 gap-y-1",
  /** Label above value, for a sentence or a paragraph. */
  stack: "space-y-1",
  /** Each label and value kept together, for paragraphs set apart. */
  groups: "space-y-2",
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
  const value = layout === "grid" ? "break-words" : "whitespace-pre-wrap break-words";
  return (
    <dl className={`${layouts[layout]}${className ? ` ${className}` : ""}`}>
      {shown.map((f) =>
        layout === "groups" ? (
          <div key={f.label}>
            <dt className="font-semibold">{f.label}</dt>
            <dd className={value}>{f.value}</dd>
          </div>
        ) : (
          <Fragment key={f.label}>
            <dt className="font-medium">{f.label}</dt>
            <dd className={value}>{f.value}</dd>
          </Fragment>
        ),
      )}
    </dl>
  );
}
