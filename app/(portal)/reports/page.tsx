import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { orNotFound } from "@/app/_lib/guards";
import { ReportPeriodForm } from "@/components/report-period-form";
import {
  formatMedianDays,
  formatShare,
  REPORT_TABLE_STYLES,
  ReportKindSection,
} from "@/components/report-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import {
  getEquityReport,
  MIN_GROUP_PATIENTS,
  periodLabel,
  periodParams,
  REPORT_FRESH_MS,
  type ReportTable,
  readReportPeriod,
  reportYears,
} from "@/lib/reports";
import { formatCalendarDate, formatDateTime, zonedDate } from "@/lib/time";

export const metadata: Metadata = { title: "Equity report" };

/** The headline figures, each a panel: styled once on their list (issue 19: page size). */
const TOTALS_STYLES = [
  "mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4 [&>div]:rounded-lg [&>div]:bg-white [&>div]:p-4 [&>div]:shadow-sm",
  "[&_dt]:text-slate-700 [&_dd]:text-2xl [&_dd]:font-semibold [&_dd_span]:text-base [&_dd_span]:font-normal",
].join(" ");

/** One headline figure of the report, with what it counts and, where it helps, out of how many. */
function Total({
  label,
  testId,
  note,
  children,
}: {
  label: string;
  testId?: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {children}
        {note ? <span>{` ${note}`}</span> : null}
      </dd>
    </div>
  );
}

/** Who raises concerns and uses their rights, and how well they are served, by group. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const today = zonedDate();
  const raw = await searchParams;
  const { period, errors, values } = readReportPeriod({ year: raw.year, quarter: raw.quarter }, today);
  const refused = Object.keys(errors).length > 0;
  // Day ranges were offered once; an old link says so rather than quietly showing something else.
  const dayRange = !refused && raw.year === undefined && (raw.from !== undefined || raw.to !== undefined);
  const report = await orNotFound(getEquityReport(actor, period, { fresh: raw.fresh === "1" }));
  const { totals } = report;
  const fresh = new URLSearchParams({ ...periodParams(period), fresh: "1" });
  const sections: [string, ReportTable[]][] = [
    ["Concerns and grievances", report.concerns],
    ["Patient rights requests", report.rights],
    ["Social needs found", report.needs],
    ["Referrals completed", report.referrals],
    ["Needs met, and days to meet them", report.needsMet],
  ];
  return (
    <>
      <PageHeader title="Equity report" />
      <p className="mb-4 max-w-prose">
        Concerns and rights requests received in {periodLabel(period)} ({formatCalendarDate(period.from)} to{" "}
        {formatCalendarDate(period.to)}), across the organisation, and the social needs found, referrals ended
        and needs met in the same period. The report covers whole quarters and years once they have ended.
        Groups of fewer than {MIN_GROUP_PATIENTS} patients are suppressed, and so are as many others as it
        takes that none of them can be worked out by subtraction: from the totals, from another table, or from
        the other quarters of the year.
      </p>
      <p className="mb-4 text-sm text-slate-700" data-testid="report-computed-at">
        Figures as of {formatDateTime(report.computedAt)}; they are worked out again every{" "}
        {REPORT_FRESH_MS / 60_000} minutes. <Link href={`/reports?${fresh}`}>Recalculate now</Link>
      </p>
      <ReportPeriodForm years={reportYears(today)} values={values} errors={errors} />
      {refused ? (
        <Alert tone="error" id="report-period-error">
          That period cannot be shown: {[...(errors.year ?? []), ...(errors.quarter ?? [])].join(" ")} Showing{" "}
          {periodLabel(period)} instead.
        </Alert>
      ) : null}
      {dayRange ? (
        <Alert tone="info">
          The report no longer covers chosen days, only whole quarters and years. Showing{" "}
          {periodLabel(period)}.
        </Alert>
      ) : null}
      <dl className={TOTALS_STYLES}>
        <Total label="Concerns received" testId="report-concerns">
          {totals.concerns}
        </Total>
        <Total label="Median days to resolve" note={`(${totals.concernsResolved} resolved)`}>
          {formatMedianDays(totals.concernMedianDays)}
        </Total>
        <Total label="Rights requests received" testId="report-rights">
          {totals.rights}
        </Total>
        <Total label="Rights requests answered on time" note={`(of ${totals.rightsAnswered} answered)`}>
          {formatShare(totals.rightsOnTimeShare)}
        </Total>
        <Total label="Needs found" testId="report-needs">
          {totals.needsFound}
        </Total>
        <Total label="Referrals completed" note={`(of ${totals.referralsEnded} ended)`}>
          {totals.referralsCompleted}
        </Total>
        <Total label="Needs met" testId="report-needs-met">
          {totals.needsMet}
        </Total>
        <Total label="Median days to meet a need" note={`(${totals.needsMet} met)`}>
          {formatMedianDays(totals.needMetMedianDays)}
        </Total>
      </dl>
      <div className={REPORT_TABLE_STYLES}>
        {sections.map(([heading, tables]) => (
          <ReportKindSection key={heading} heading={heading} tables={tables} period={period} />
        ))}
      </div>
    </>
  );
}
