import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { formatMedianDays, formatShare, ReportTableSection } from "@/components/report-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import {
  defaultPeriod,
  getEquityReport,
  MIN_GROUP_PATIENTS,
  REPORT_FRESH_MS,
  reportPeriodSchema,
} from "@/lib/reports";
import { formatCalendarDate, formatDateTime, zonedDate } from "@/lib/time";

export const metadata: Metadata = { title: "Equity report" };

/** Who raises concerns and uses their rights, and how well they are served, by group. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const today = zonedDate();
  const raw = await searchParams;
  const asked = raw.from !== undefined || raw.to !== undefined;
  const parsed = reportPeriodSchema(today).safeParse({ from: raw.from, to: raw.to });
  const period = parsed.success ? parsed.data : defaultPeriod(today);
  const error = asked && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const report = await orNotFound(getEquityReport(actor, period, { fresh: raw.fresh === "1" }));
  const { totals } = report;
  return (
    <>
      <PageHeader title="Equity report" />
      <p className="mb-4 max-w-prose">
        Concerns and rights requests received from {formatCalendarDate(period.from)} to{" "}
        {formatCalendarDate(period.to)}, across the organisation. Groups of fewer than {MIN_GROUP_PATIENTS}{" "}
        patients are suppressed, and where one group alone would be, the next smallest is too, so no one can
        be singled out.
      </p>
      <p className="mb-4 text-sm text-slate-700" data-testid="report-computed-at">
        Figures as of {formatDateTime(report.computedAt)}; they are worked out again every{" "}
        {REPORT_FRESH_MS / 60_000} minutes.{" "}
        <Link href={`/reports?from=${period.from}&to=${period.to}&fresh=1`}>Recalculate now</Link>
      </p>
      <search className="mb-6 print:hidden">
        <form method="get" action="/reports" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="report-from" className="block font-medium">
              From
            </label>
            <input
              id="report-from"
              name="from"
              type="date"
              defaultValue={period.from}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "report-period-error" : undefined}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            />
          </div>
          <div>
            <label htmlFor="report-to" className="block font-medium">
              To
            </label>
            <input
              id="report-to"
              name="to"
              type="date"
              defaultValue={period.to}
              max={today}
              className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white">
            Show
          </button>
          <Link href="/reports">Last 12 months</Link>
        </form>
      </search>
      {error ? (
        <Alert tone="error" id="report-period-error">
          {error} Showing the last 12 months instead.
        </Alert>
      ) : null}
      <dl className="mb-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-slate-700">Concerns received</dt>
          <dd className="text-2xl font-semibold" data-testid="report-concerns">
            {totals.concerns}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-slate-700">Median days to resolve</dt>
          <dd className="text-2xl font-semibold">
            {formatMedianDays(totals.concernMedianDays)}{" "}
            <span className="text-base font-normal">({totals.concernsResolved} resolved)</span>
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-slate-700">Rights requests received</dt>
          <dd className="text-2xl font-semibold" data-testid="report-rights">
            {totals.rights}
          </dd>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm">
          <dt className="text-slate-700">Rights requests answered on time</dt>
          <dd className="text-2xl font-semibold">
            {formatShare(totals.rightsOnTimeShare)}{" "}
            <span className="text-base font-normal">(of {totals.rightsAnswered} answered)</span>
          </dd>
        </div>
      </dl>
      <h2 className="mb-3">Concerns and grievances</h2>
      <div className="mb-10 space-y-6">
        {report.concerns.map((t) => (
          <ReportTableSection key={t.id} table={t} period={period} />
        ))}
      </div>
      <h2 className="mb-3">Patient rights requests</h2>
      <div className="space-y-6">
        {report.rights.map((t) => (
          <ReportTableSection key={t.id} table={t} period={period} />
        ))}
      </div>
    </>
  );
}
