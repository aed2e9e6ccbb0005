import "server-only";
import { db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { zonedDate } from "@/lib/time";
import { countKinds, type GroupFigures, yearSelects } from "./figures";
import { type NeedFigures, needYearSelects } from "./need-figures";
import { hasEnded, periodKey, periodLabel, type ReportPeriod, reportPeriod } from "./periods";
import type { ReportTable, ReportTableId } from "./schemas";
import { reportTables } from "./tables";

export * from "./columns";
export * from "./csv";
export * from "./periods";
export * from "./schemas";
export * from "./suppression";

export interface EquityReport {
  period: ReportPeriod;
  /** When these figures were worked out: they are kept for a few minutes (REPORT_FRESH_MS). */
  computedAt: Date;
  concerns: ReportTable[];
  rights: ReportTable[];
  /** Needs found, referrals ended (and completed), needs met (and days to meet them), by group. */
  needs: ReportTable[];
  referrals: ReportTable[];
  needsMet: ReportTable[];
  totals: {
    concerns: number;
    concernsResolved: number;
    concernMedianDays: number | null;
    rights: number;
    rightsAnswered: number;
    rightsOnTimeShare: number | null;
    needsFound: number;
    referralsEnded: number;
    referralsCompleted: number;
    needsMet: number;
    needMetMedianDays: number | null;
  };
}

/**
 * How long worked-out figures are reused. The report counts a year of concerns and rights
 * requests across the organisation (about 0.3 s of database work at 10,000 patients, seconds at
 * 100,000), and every period of a year comes from one count of that year (its quarters add up to it,
 * so their suppression is decided together), so each year is worked out at most once in this time
 * per server, and requests that arrive while it is being worked out wait for that one computation.
 * The page says when the figures are from and offers to recalculate them now.
 */
export const REPORT_FRESH_MS = 5 * 60_000;
const CACHE_LIMIT = 16;
interface YearFigures extends NeedFigures {
  computedAt: Date;
  concerns: GroupFigures[];
  rights: GroupFigures[];
}
const cache = new Map<number, { at: number; figures: Promise<YearFigures> }>();

function cachedYear(year: number, fresh: boolean): Promise<YearFigures> {
  const hit = cache.get(year);
  if (hit && !fresh && Date.now() - hit.at < REPORT_FRESH_MS) return hit.figures;
  const computedAt = new Date();
  // Every kind's counts in one statement (issue 19: a page's render sends at most six).
  const figures = countKinds({ ...yearSelects(year), ...needYearSelects(year) }).then((counts) => ({
    computedAt,
    ...counts,
  }));
  cache.delete(year);
  cache.set(year, { at: Date.now(), figures });
  // A failed computation is not kept; the oldest year goes when the cache is full.
  figures.catch(() => {
    if (cache.get(year)?.figures === figures) cache.delete(year);
  });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return figures;
}

const auditPeriod = (p: ReportPeriod) => ({ period: periodKey(p), from: p.from, to: p.to });

/**
 * The equity report: concerns and rights requests received in one calendar quarter or year that
 * has ended, by category, preferred language, race, ethnicity and age band, with the median days to
 * resolve or answer and the share of rights requests answered on time; and social needs found,
 * referrals ended (and the share completed) and needs met (and the median days to meet them), by
 * the same groups with the need's domain as category. Organisation-wide,
 * aggregated, small groups suppressed so that no period's or table's figures give them away
 * (docs/decisions/005-equity-report-suppression.md). Figures are reused for a few minutes
 * (REPORT_FRESH_MS) unless `fresh` asks for them to be worked out now.
 */
export async function getEquityReport(
  actor: Actor,
  period: ReportPeriod,
  options: {
    /** The table taken away as CSV, for the audit trail. */
    download?: ReportTableId;
    fresh?: boolean;
  } = {},
): Promise<EquityReport> {
  await authorizeGlobal(actor, "read:reports");
  // Rebuilt from year and quarter, so a caller cannot pass a day range of its own.
  const fixed = reportPeriod(period.year, period.quarter);
  const today = zonedDate();
  if (!hasEnded(fixed, today)) throw new Error(`${periodLabel(fixed)} has not ended: it is not reported`);
  const yearEnded = hasEnded(reportPeriod(fixed.year, null), today);
  const figures = await cachedYear(fixed.year, options.fresh ?? false);
  await recordAudit(
    db(),
    actor,
    options.download
      ? { action: "report.csv", details: { table: options.download, ...auditPeriod(fixed) } }
      : { action: "report.view", details: auditPeriod(fixed) },
  );
  const total = (rows: GroupFigures[]) =>
    rows.find((r) => r.dimension === "total" && r.quarter === fixed.quarter);
  const c = total(figures.concerns);
  const r = total(figures.rights);
  const n = total(figures.needs);
  const ref = total(figures.referrals);
  const met = total(figures.needsMet);
  return {
    period: fixed,
    computedAt: figures.computedAt,
    concerns: reportTables("concerns", figures.concerns, fixed, yearEnded),
    rights: reportTables("rights", figures.rights, fixed, yearEnded),
    needs: reportTables("needs", figures.needs, fixed, yearEnded),
    referrals: reportTables("referrals", figures.referrals, fixed, yearEnded),
    needsMet: reportTables("needs-met", figures.needsMet, fixed, yearEnded),
    totals: {
      concerns: c?.items ?? 0,
      concernsResolved: c?.done ?? 0,
      concernMedianDays: c?.medianDays ?? null,
      rights: r?.items ?? 0,
      rightsAnswered: r?.done ?? 0,
      rightsOnTimeShare: r && r.done > 0 ? r.onTime / r.done : null,
      needsFound: n?.items ?? 0,
      referralsEnded: ref?.items ?? 0,
      referralsCompleted: ref?.done ?? 0,
      needsMet: met?.items ?? 0,
      needMetMedianDays: met?.medianDays ?? null,
    },
  };
}

/** One table of the report by its id, as the CSV route asks for it. */
export function findReportTable(report: EquityReport, id: ReportTableId): ReportTable {
  const tables = [
    ...report.concerns,
    ...report.rights,
    ...report.needs,
    ...report.referrals,
    ...report.needsMet,
  ];
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no report table ${id}`);
  return table;
}

/** For routes that check their own input: refuse (404) before saying anything about the input. */
export async function authorizeReports(actor: Actor): Promise<void> {
  await authorizeGlobal(actor, "read:reports");
}
