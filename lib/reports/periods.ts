import { z } from "zod";

// The report covers fixed calendar periods only, and only once they have ended: two arbitrary day
// ranges, or one still filling up day by day, differ by a few records, and the difference is a
// group the suppression hid (docs/decisions/005-equity-report-suppression.md).

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** One whole calendar quarter, or one whole calendar year, in the organisation's time zone. */
export interface ReportPeriod {
  year: number;
  /** null for the whole year. */
  quarter: Quarter | null;
  /** First and last day (ISO dates). */
  from: string;
  to: string;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** How many years back the form offers: figures older than that are not asked for. */
const YEARS_OFFERED = 6;

export function reportPeriod(year: number, quarter: Quarter | null): ReportPeriod {
  const first = quarter === null ? 1 : quarter * 3 - 2;
  const last = quarter === null ? 12 : quarter * 3;
  const pad = (n: number) => String(n).padStart(2, "0");
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { year, quarter, from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** "July to September 2026" or "2026". */
export function periodLabel(period: Pick<ReportPeriod, "year" | "quarter">): string {
  const q = period.quarter;
  return q === null ? String(period.year) : `${MONTHS[q * 3 - 3]} to ${MONTHS[q * 3 - 1]} ${period.year}`;
}

/** "2026-Q3" or "2026": for file names, cache keys and the audit trail. */
export function periodKey(period: Pick<ReportPeriod, "year" | "quarter">): string {
  return period.quarter === null ? String(period.year) : `${period.year}-Q${period.quarter}`;
}

export function hasEnded(period: ReportPeriod, today: string): boolean {
  return period.to < today;
}

/** The most recent quarter that has ended: what the report shows unless asked otherwise. */
export function latestEndedQuarter(today: string): ReportPeriod {
  const year = Number(today.slice(0, 4));
  const current = Math.ceil(Number(today.slice(5, 7)) / 3);
  return current === 1 ? reportPeriod(year - 1, 4) : reportPeriod(year, (current - 1) as Quarter);
}

/** The years the form offers, newest first; the current year for its quarters that have ended. */
export function reportYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: YEARS_OFFERED }, (_, i) => year - i);
}

export const QUARTER_OPTIONS = [
  { value: "year", label: "Whole year" },
  ...QUARTERS.map((q) => ({
    value: String(q),
    label: `${MONTHS[q * 3 - 3]} to ${MONTHS[q * 3 - 1]} (Q${q})`,
  })),
] as const;

/** The period's fields as the form and the CSV link send them. */
export function periodParams(period: ReportPeriod): { year: string; quarter: string } {
  return { year: String(period.year), quarter: period.quarter === null ? "year" : String(period.quarter) };
}

/**
 * The period asked for in the query string (user input): a year the form offers and a quarter or the
 * whole year, which must have ended. Errors name the field they belong to.
 */
export function reportPeriodSchema(today: string) {
  const years = reportYears(today);
  const yearError = `Choose a year from ${years.at(-1)} to ${years[0]}.`;
  return z
    .object({
      year: z
        .string({ error: yearError })
        .regex(/^\d{4}$/, { error: yearError })
        .transform(Number)
        .refine((y) => years.includes(y), { error: yearError }),
      quarter: z.enum(["year", "1", "2", "3", "4"], { error: "Choose a quarter or the whole year." }),
    })
    .transform(({ year, quarter }) =>
      reportPeriod(year, quarter === "year" ? null : (Number(quarter) as Quarter)),
    )
    .superRefine((period, ctx) => {
      if (hasEnded(period, today)) return;
      ctx.addIssue({
        code: "custom",
        path: ["quarter"],
        message:
          period.quarter === null
            ? `${period.year} has not ended yet. Choose one of its quarters that has, or an earlier year.`
            : `${periodLabel(period)} has not ended yet. Figures are shown once a period is over.`,
      });
    });
}

export interface PeriodAsked {
  /** What to show: the period asked for, or the latest quarter that has ended. */
  period: ReportPeriod;
  /** Field errors when the period asked for was refused. */
  errors: { year?: string[]; quarter?: string[] };
  /** The fields as asked, for the form to keep. */
  values: { year: string; quarter: string };
}

/** The period in a query string; none asked for means the latest quarter that has ended. */
export function readReportPeriod(params: { year?: unknown; quarter?: unknown }, today: string): PeriodAsked {
  const fallback = latestEndedQuarter(today);
  if (params.year === undefined && params.quarter === undefined)
    return { period: fallback, errors: {}, values: periodParams(fallback) };
  const parsed = reportPeriodSchema(today).safeParse(params);
  const asText = (v: unknown, otherwise: string) => (typeof v === "string" ? v : otherwise);
  const values = {
    year: asText(params.year, periodParams(fallback).year),
    quarter: asText(params.quarter, periodParams(fallback).quarter),
  };
  return parsed.success
    ? { period: parsed.data, errors: {}, values }
    : { period: fallback, errors: z.flattenError(parsed.error).fieldErrors, values };
}
