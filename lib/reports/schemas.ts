// What the equity report is made of, shared by the domain module, the page and the CSV writer.

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

/** Age when what is counted happened: a concern or request received, a need found or met, a referral ended. */
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
  /** Resolved concerns, answered rights requests or completed referrals; for needs met, every one. */
  done: number;
  medianDays: number | null;
  /** Of those resolved or answered, the share done by the due date. */
  onTimeShare: number | null;
  /** Too few patients to show, or hidden so a suppressed group cannot be worked out by subtraction. */
  suppressed: boolean;
}

/**
 * What a table counts: concerns received, rights requests received, needs found, referrals ended
 * (and how many completed), needs met (and the days from found to met), each in the period.
 */
export const REPORT_KINDS = ["concerns", "rights", "needs", "referrals", "needs-met"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_TABLE_IDS = REPORT_KINDS.flatMap((kind) =>
  DIMENSIONS.map((d) => `${kind}-by-${d.key}` as const),
);
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export interface ReportTable {
  id: ReportTableId;
  kind: ReportKind;
  dimension: Dimension;
  title: string;
  dimensionLabel: string;
  /** No group could be shown without one that is too small being worked out: none is listed. */
  withheld: boolean;
  rows: ReportRow[];
}
