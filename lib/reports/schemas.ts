import { z } from "zod";
import { addDaysIso, addYearsIso } from "@/lib/time";

/** Fewer patients than this in a group and the group's figures are not shown. */
export const MIN_GROUP_PATIENTS = 5;
export const NOT_RECORDED = "not-recorded";

export const DIMENSIONS = [
  { key: "category", label: "Category" },
  { key: "language", label: "Preferred language" },
  { key: "race", label: "Race" },
  { key: "ethnicity", label: "Ethnicity" },
  { key: "age", label: "Age band" },
] as const;
export type Dimension = (typeof DIMENSIONS)[number]["key"];

/** Age at the time the concern or request was received. */
export const AGE_BANDS = [
  { key: "0-17", label: "Under 18", from: 0, to: 17 },
  { key: "18-44", label: "18 to 44", from: 18, to: 44 },
  { key: "45-64", label: "45 to 64", from: 45, to: 64 },
  { key: "65-74", label: "65 to 74", from: 65, to: 74 },
  { key: "75+", label: "75 and over", from: 75, to: null },
] as const;

export interface ReportRow {
  key: string;
  label: string;
  items: number;
  patients: number;
  /** Resolved concerns, or answered rights requests. */
  done: number;
  medianDays: number | null;
  /** Of those resolved or answered, the share done by the due date. */
  onTimeShare: number | null;
  /** Too few patients to show, or hidden so a suppressed group cannot be worked out by subtraction. */
  suppressed: boolean;
}

export const REPORT_TABLE_IDS = (["concerns", "rights"] as const).flatMap((kind) =>
  DIMENSIONS.map((d) => `${kind}-by-${d.key}` as const),
);
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export interface ReportTable {
  id: ReportTableId;
  kind: "concerns" | "rights";
  dimension: Dimension;
  title: string;
  dimensionLabel: string;
  rows: ReportRow[];
}

/**
 * Hides each group of fewer than five patients. When exactly one group would be hidden, the next
 * smallest is hidden too: otherwise its figures could be worked out from the total and the rest.
 */
export function suppressSmallGroups(rows: ReportRow[]): ReportRow[] {
  const small = new Set(rows.filter((r) => r.patients < MIN_GROUP_PATIENTS).map((r) => r.key));
  if (small.size === 1 && rows.length > 1) {
    const next = rows
      .filter((r) => !small.has(r.key))
      .sort((a, b) => a.patients - b.patients || a.items - b.items)[0];
    if (next) small.add(next.key);
  }
  return rows.map((r) =>
    small.has(r.key)
      ? { ...r, items: 0, patients: 0, done: 0, medianDays: null, onTimeShare: null, suppressed: true }
      : r,
  );
}

export interface ReportPeriod {
  from: string;
  to: string;
}

/** The last twelve months, to today. */
export function defaultPeriod(today: string): ReportPeriod {
  return { from: addDaysIso(addYearsIso(today, -1), 1), to: today };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const bothDates = (p: { from: unknown; to: unknown }) =>
  typeof p.from === "string" && typeof p.to === "string" && ISO_DATE.test(p.from) && ISO_DATE.test(p.to);

export function reportPeriodSchema(today: string) {
  const day = z.iso.date({ error: "Enter a date." });
  return (
    z
      .object({
        from: day,
        to: day.refine((v) => v <= today, { error: "The period cannot end in the future." }),
      })
      // Zod runs these even when a field above failed: compare only two real dates.
      .refine((p) => !bothDates(p) || p.from <= p.to, {
        error: "The period must start before it ends.",
        path: ["from"],
      })
      .refine((p) => !bothDates(p) || p.from >= addYearsIso(p.to, -6), {
        error: "Choose a period of six years or less.",
        path: ["from"],
      })
  );
}

/** A CSV cell: quoted, and a leading = + - @ made inert so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/** One report table as CSV, suppressed groups marked and their figures left out. */
export function tableToCsv(table: ReportTable, period: ReportPeriod): string {
  const done = table.kind === "concerns" ? "Resolved" : "Answered";
  const lines = [
    [`${table.title}, ${period.from} to ${period.to}`],
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
        ? [r.label, `suppressed (fewer than ${MIN_GROUP_PATIENTS} patients)`, "", "", "", ""]
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
  return `${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
