import type { ReactNode } from "react";

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
  /** Styled by the list that holds many of them, with FACTS_IN_LIST: label and value side by side. */
  list: "",
} as const;

/** The `grid` layout, for a list of records each with its Facts of layout `list`: said once on the list. */
export const FACTS_IN_LIST =
  "[&_dl]:grid [&_dl]:grid-cols-[auto_1fr] [&_dl]:gap-x-3 [&_dl]:gap-y-1 [&_dt]:font-medium [&_dd]:break-words";

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
    <dl className={[layouts[layout], className].filter(Boolean).join(" ") || undefined}>
      {shown.flatMap((f) =>
        layout === "groups"
          ? [
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>,
            ]
          : // Keyed terms and values rather than a keyed fragment for each pair: a fragment with a key is
            // one more element in the RSC payload for every row of every record (issue 19).
            [<dt key={`${f.label}:t`}>{f.label}</dt>, <dd key={`${f.label}:d`}>{f.value}</dd>],
      )}
    </dl>
  );
}
