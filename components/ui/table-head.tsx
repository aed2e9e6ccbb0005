import type { ReactNode } from "react";

export type Column =
  | string
  | {
      key: string;
      label: ReactNode;
      /** Where the table is sorted by this column. */
      sort?: "ascending" | "descending";
    };

const pads = { normal: "px-4 py-2", dense: "px-3 py-2" } as const;
const tones = { shaded: "bg-slate-100", plain: "" } as const;

/** A data table's header row: one column header (`scope="col"`) each. */
export function TableHead({
  columns,
  density = "normal",
  tone = "shaded",
}: {
  columns: Column[];
  density?: keyof typeof pads;
  tone?: keyof typeof tones;
}) {
  return (
    <thead className={tones[tone] || undefined}>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th key={c} scope="col" className={pads[density]}>
              {c}
            </th>
          ) : (
            <th key={c.key} scope="col" className={pads[density]} aria-sort={c.sort}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A data cell padded to line up with TableHead of the same density. */
export function Td({
  density = "normal",
  className,
  id,
  children,
}: {
  density?: keyof typeof pads;
  className?: string;
  id?: string;
  children?: ReactNode;
}) {
  return (
    <td id={id} className={`${pads[density]}${className ? ` ${className}` : ""}`}>
      {children}
    </td>
  );
}
