import type { ReportKind, ReportRow } from "./schemas";

// What each kind of table shows, in one place: the page (components/report-table.tsx) and the CSV
// file (csv.ts) are both made from these columns, so they cannot drift apart.

/** One figure of a table's rows: a count, median days (one decimal), or a share (a percentage). */
export interface ReportColumn {
  header: string;
  format: "count" | "days" | "share";
  value: (row: ReportRow) => number | null;
  /** In the CSV file only: the page shows the share it is part of. */
  csvOnly?: boolean;
}

export interface ReportKindWords {
  /** The start of each table's title: "Needs found" in "Needs found by preferred language". */
  title: string;
  /** What the category dimension is called for this kind, when not "Category": in its column… */
  categoryLabel?: string;
  /** …and in its table's title. */
  categoryTitle?: string;
  /** Under the table's heading: what is counted, and when. */
  caption?: string;
  /** When the period has nothing to count. */
  empty: string;
  /** When no group can be shown. */
  withheld: string;
  columns: ReportColumn[];
}

const patients: ReportColumn = { header: "Patients", format: "count", value: (r) => r.patients };
const count = (header: string): ReportColumn => ({ header, format: "count", value: (r) => r.items });
const withheld = (what: string) =>
  `Withheld: too few ${what} in this period to show any group without identifying someone.`;

/** Concerns and rights requests: received, done, median days to do them, and the share on time. */
const received = (items: string, done: string, verb: string): ReportColumn[] => [
  patients,
  count(items),
  { header: done, format: "count", value: (r) => r.done, csvOnly: true },
  { header: `Median days to ${verb}`, format: "days", value: (r) => r.medianDays },
  { header: `${done} on time`, format: "share", value: (r) => r.onTimeShare },
];

export const REPORT_KIND_WORDS: Record<ReportKind, ReportKindWords> = {
  concerns: {
    title: "Concerns",
    empty: "Nothing received in this period.",
    withheld: withheld("were received"),
    columns: received("Concerns", "Resolved", "resolve"),
  },
  rights: {
    title: "Rights requests",
    categoryLabel: "Kind of request",
    empty: "Nothing received in this period.",
    withheld: withheld("were received"),
    columns: received("Requests", "Answered", "answer"),
  },
  needs: {
    title: "Needs found",
    categoryLabel: "Kind of need",
    categoryTitle: "Kind of need",
    caption: "Social needs recorded in the period, from a screening or noted by staff.",
    empty: "No needs were found in this period.",
    withheld: withheld("needs were found"),
    columns: [patients, count("Needs found")],
  },
  referrals: {
    title: "Referrals completed",
    categoryLabel: "Kind of need",
    categoryTitle: "Kind of need",
    caption:
      "Referrals that ended in the period (help given, declined by the service, or no answer), and how many of them ended with help given.",
    empty: "No referrals ended in this period.",
    withheld: withheld("referrals ended"),
    columns: [
      patients,
      count("Referrals ended"),
      { header: "Completed", format: "count", value: (r) => r.done },
      {
        header: "Completed of ended",
        format: "share",
        value: (r) => (r.items > 0 ? r.done / r.items : null),
      },
    ],
  },
  "needs-met": {
    title: "Needs met",
    categoryLabel: "Kind of need",
    categoryTitle: "Kind of need",
    caption:
      "Needs met in the period, through a completed referral or in the patient's own words, and the median days from the need being found to it being met.",
    empty: "No needs were met in this period.",
    withheld: withheld("needs were met"),
    columns: [
      patients,
      count("Needs met"),
      { header: "Median days to meet", format: "days", value: (r) => r.medianDays },
    ],
  },
};
