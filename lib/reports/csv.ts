import { REPORT_KIND_WORDS } from "./columns";
import { periodLabel, type ReportPeriod } from "./periods";
import type { ReportTable } from "./schemas";

/** A CSV cell: quoted, and a leading = + - @ made inert so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/**
 * One report table as CSV, exactly what the page shows: suppressed groups marked with their figures
 * left out, and a withheld table with no groups at all.
 */
export function tableToCsv(table: ReportTable, period: ReportPeriod): string {
  const columns = REPORT_KIND_WORDS[table.kind].columns;
  const figure = (format: (typeof columns)[number]["format"], value: number | null) => {
    if (value === null) return "";
    if (format === "days") return value.toFixed(1);
    return format === "share" ? Math.round(value * 100) : value;
  };
  const lines: (string | number | null)[][] = [
    [`${table.title}, ${periodLabel(period)} (${period.from} to ${period.to})`],
    [table.dimensionLabel, ...columns.map((c) => (c.format === "share" ? `${c.header} (%)` : c.header))],
    ...table.rows.map((r) =>
      r.suppressed
        ? [r.label, "suppressed", ...columns.slice(1).map(() => "")]
        : [r.label, ...columns.map((c) => figure(c.format, c.value(r)))],
    ),
  ];
  if (table.withheld) lines.push(["withheld: too few to show any group"]);
  return `${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
