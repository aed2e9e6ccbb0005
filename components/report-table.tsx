import {
  type ReportGridRow,
  type ReportGridTable,
  ReportKindTables,
  type ReportKindTablesProps,
} from "@/components/report-table-view";
import { REPORT_KIND_WORDS, type ReportColumn } from "@/lib/reports/columns";
import { periodParams, type ReportPeriod } from "@/lib/reports/periods";
import type { ReportTable } from "@/lib/reports/schemas";

const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);
const days = (value: number | null) => (value === null ? "–" : value.toFixed(1));
const shown = (c: ReportColumn, value: number | null) =>
  c.format === "share" ? percent(value) : c.format === "days" ? days(value) : value;

/**
 * How every report table looks, said once for the whole page rather than on each of its tables and
 * hundreds of cells (issue 19): each table a white panel that scrolls sideways on a narrow screen,
 * figures right-aligned, rows ruled, and each row's bar (a meter) in its last cell.
 */
export const REPORT_TABLE_STYLES = [
  "[&_section]:overflow-x-auto [&_section]:rounded-lg [&_section]:bg-white [&_section]:p-5 [&_section]:shadow-sm",
  "[&_h3]:mb-3 [&_h3]:text-lg [&_h3]:font-semibold",
  "[&_table]:w-full [&_table]:text-left [&_table]:text-sm [&_th]:py-1 [&_th]:pr-3 [&_td]:py-1 [&_td]:pr-3",
  "[&_thead_tr]:border-b [&_thead_tr]:border-slate-300 [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-100",
  "[&_thead_th+th]:text-right [&_tbody_th]:font-normal [&_td]:text-right [&_td]:tabular-nums",
  "[&_meter]:block [&_meter]:h-4 [&_meter]:w-40 [&_meter]:appearance-none",
  "[&_meter::-webkit-meter-bar]:border-0 [&_meter::-webkit-meter-bar]:bg-transparent",
  "[&_meter::-webkit-meter-optimum-value]:bg-brand-600 [&_meter::-moz-meter-bar]:bg-brand-600",
].join(" ");

/**
 * One kind's tables as their view draws them: only what they show, already in words, and what the
 * five share (headers, what they count, the period) once.
 */
function kindTables(tables: ReportTable[], period: ReportPeriod): ReportKindTablesProps | null {
  const kind = tables[0]?.kind;
  if (!kind) return null;
  const words = REPORT_KIND_WORDS[kind];
  const columns = words.columns.filter((c) => !c.csvOnly);
  // Nothing of this kind in the period: said once for its five tables (issue 19).
  const empty = tables.every((t) => !t.withheld && t.rows.length === 0);
  return {
    headers: columns.map((c) => c.header),
    describedBy: words.caption ? `${kind}-caption` : undefined,
    period: new URLSearchParams(periodParams(period)).toString(),
    empty: empty ? words.empty : null,
    tables: tables.map(
      (t): ReportGridTable => [
        t.id,
        t.title,
        t.dimensionLabel,
        t.rows.map(
          (r): ReportGridRow => [
            r.label,
            r.suppressed ? null : columns.map((c) => shown(c, c.value(r)) ?? ""),
            r.items,
          ],
        ),
        t.withheld ? words.withheld : t.rows.length === 0 ? words.empty : null,
      ],
    ),
  };
}

/**
 * One kind of table (concerns, rights requests, needs…): its heading, what it counts said once for
 * its five tables (each points to it), and the tables by category, language, race, ethnicity, age.
 */
export function ReportKindSection({
  heading,
  tables,
  period,
}: {
  heading: string;
  tables: ReportTable[];
  period: ReportPeriod;
}) {
  const kind = tables[0]?.kind;
  const caption = kind ? REPORT_KIND_WORDS[kind].caption : undefined;
  const view = kindTables(tables, period);
  return (
    <>
      <h2 className="mb-3">{heading}</h2>
      {caption ? (
        <p id={`${kind}-caption`} className="mb-3 max-w-prose text-sm text-slate-700">
          {caption}
        </p>
      ) : null}
      <div className="mb-10 space-y-6">{view ? <ReportKindTables {...view} /> : null}</div>
    </>
  );
}

export { days as formatMedianDays, percent as formatShare };
