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
  const done = table.kind === "concerns" ? "Resolved" : "Answered";
  const lines: (string | number | null)[][] = [
    [`${table.title}, ${periodLabel(period)} (${period.from} to ${period.to})`],
    [
      table.dimensionLabel,
      "Patients",
      table.kind === "concerns" ? "Concerns" : "Requests",
      done,
      `Median days to ${table.kind === "concerns" ? "resolve" : "answer"}`,
      `${done} on time (%)`,
    ],
    ...table.rows.map((r) =>
      r.suppressed
        ? [r.label, "suppressed", "", "", "", ""]
        : [
            r.label,
            r.patients,
            r.items,
            r.done,
            r.medianDays === null ? "" : r.medianDays.toFixed(1),
            r.onTimeShare === null ? "" : Math.round(r.onTimeShare * 100),
          ],
    ),
  ];
  if (table.withheld) lines.push(["withheld: too few to show any group"]);
  return `${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
