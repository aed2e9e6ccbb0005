import "server-only";
import { and, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { concerns, patients, rightsRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { CONCERN_CATEGORY_LABELS } from "@/lib/concerns/schemas";
import { RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { zonedDayStart } from "@/lib/time";
import {
  AGE_BANDS,
  DIMENSIONS,
  type Dimension,
  NOT_RECORDED,
  type ReportPeriod,
  type ReportRow,
  type ReportTable,
  type ReportTableId,
  suppressSmallGroups,
} from "./schemas";

export * from "./schemas";

export interface EquityReport {
  period: ReportPeriod;
  /** When these figures were worked out: they are kept for a few minutes (REPORT_FRESH_MS). */
  computedAt: Date;
  concerns: ReportTable[];
  rights: ReportTable[];
  totals: {
    concerns: number;
    concernsResolved: number;
    concernMedianDays: number | null;
    rights: number;
    rightsAnswered: number;
    rightsOnTimeShare: number | null;
  };
}

const ageBand = (at: SQL) => {
  const age = sql`extract(year from age(${at}, ${patients.dateOfBirth}))`;
  const cases = AGE_BANDS.map((b) =>
    b.to === null
      ? sql`when ${age} >= ${sql.raw(String(b.from))} then '${sql.raw(b.key)}'`
      : sql`when ${age} between ${sql.raw(String(b.from))} and ${sql.raw(String(b.to))} then '${sql.raw(b.key)}'`,
  );
  return sql<string>`case ${sql.join(cases, sql` `)} end`;
};
const recorded = (column: PgColumn) => sql<string>`coalesce(${column}, '${sql.raw(NOT_RECORDED)}')`;

/**
 * One statement per kind: the rows of the period with their patient's groups worked out in a
 * subquery, then counted by each dimension at once with GROUPING SETS.
 */
function grouped(
  base: { category: SQL<string> | PgColumn; at: SQL },
  from: "concerns" | "rights",
  measures: { patientId: PgColumn; done: SQL<boolean>; days: SQL<number>; onTime: SQL<boolean> },
  where: SQL | undefined,
) {
  const table = from === "concerns" ? concerns : rightsRequests;
  const sub = db()
    .select({
      patientId: sql<string>`${measures.patientId}`.as("patient_id"),
      category: sql<string>`${base.category}`.as("category"),
      language: sql<string>`${patients.preferredLanguage}`.as("language"),
      race: recorded(patients.race).as("race"),
      ethnicity: recorded(patients.ethnicity).as("ethnicity"),
      ageBand: ageBand(base.at).as("age_band"),
      done: sql<boolean>`${measures.done}`.as("done"),
      days: sql<number>`${measures.days}`.as("days"),
      onTime: sql<boolean>`${measures.onTime}`.as("on_time"),
    })
    .from(table)
    .innerJoin(patients, eq(patients.id, measures.patientId))
    .where(where)
    .as("r");
  const dimension = sql<
    Dimension | "total"
  >`case when grouping(${sub.category}) = 0 then 'category' when grouping(${sub.language}) = 0 then 'language' when grouping(${sub.race}) = 0 then 'race' when grouping(${sub.ethnicity}) = 0 then 'ethnicity' when grouping(${sub.ageBand}) = 0 then 'age' else 'total' end`;
  return db()
    .select({
      dimension,
      key: sql<string>`coalesce(${sub.category}, ${sub.language}, ${sub.race}, ${sub.ethnicity}, ${sub.ageBand})`,
      items: sql<number>`count(*)`.mapWith(Number),
      patients: sql<number>`count(distinct ${sub.patientId})`.mapWith(Number),
      done: sql<number>`count(*) filter (where ${sub.done})`.mapWith(Number),
      medianDays: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${sub.days}) filter (where ${sub.done})`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      onTime: sql<number>`count(*) filter (where ${sub.done} and ${sub.onTime})`.mapWith(Number),
    })
    .from(sub)
    .groupBy(
      sql`grouping sets ((${sub.category}), (${sub.language}), (${sub.race}), (${sub.ethnicity}), (${sub.ageBand}), ())`,
    );
}

type GroupedRow = Awaited<ReturnType<typeof grouped>>[number];

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
function label(dimension: Dimension, key: string, categoryLabels: Record<string, string>): string {
  if (key === NOT_RECORDED) return "Not recorded";
  if (dimension === "category") return categoryLabels[key] ?? key;
  if (dimension === "language") {
    try {
      return languageNames.of(key) ?? key;
    } catch {
      return key;
    }
  }
  if (dimension === "age") return AGE_BANDS.find((b) => b.key === key)?.label ?? key;
  return key;
}

function tables(kind: "concerns" | "rights", rows: GroupedRow[]): ReportTable[] {
  const categoryLabels: Record<string, string> =
    kind === "concerns" ? CONCERN_CATEGORY_LABELS : RIGHTS_TYPE_LABELS;
  const order: Record<Dimension, string[]> = {
    category: Object.keys(categoryLabels),
    age: AGE_BANDS.map((b) => b.key),
    language: [],
    race: [],
    ethnicity: [],
  };
  return DIMENSIONS.map((d) => {
    const rank = (key: string) => {
      if (key === NOT_RECORDED) return Number.MAX_SAFE_INTEGER;
      const i = order[d.key].indexOf(key);
      return i === -1 ? Number.MAX_SAFE_INTEGER - 1 : i;
    };
    const own: ReportRow[] = rows
      .filter((r) => r.dimension === d.key)
      .map((r) => ({
        key: r.key,
        label: label(d.key, r.key, categoryLabels),
        items: r.items,
        patients: r.patients,
        done: r.done,
        medianDays: r.medianDays,
        onTimeShare: r.done > 0 ? r.onTime / r.done : null,
        suppressed: false,
      }))
      .sort((a, b) => rank(a.key) - rank(b.key) || b.items - a.items || a.label.localeCompare(b.label));
    return {
      id: `${kind}-by-${d.key}` as const,
      kind,
      dimension: d.key,
      title: `${kind === "concerns" ? "Concerns" : "Rights requests"} by ${d.label.toLowerCase()}`,
      dimensionLabel: kind === "rights" && d.key === "category" ? "Kind of request" : d.label,
      rows: suppressSmallGroups(own),
    };
  });
}

/**
 * How long worked-out figures are reused. The report counts a year of concerns and rights
 * requests across the organisation (about 0.3 s of database work at 10,000 patients, seconds at
 * 100,000), so each period is worked out at most once in this time per server, and requests that
 * arrive while it is being worked out wait for that one computation. The page says when the
 * figures are from and offers to recalculate them now.
 */
export const REPORT_FRESH_MS = 5 * 60_000;
const CACHE_LIMIT = 32;
type Figures = Omit<EquityReport, "period">;
const cache = new Map<string, { at: number; figures: Promise<Figures> }>();

function cachedFigures(period: ReportPeriod, fresh: boolean): Promise<Figures> {
  const key = `${period.from}|${period.to}`;
  const hit = cache.get(key);
  if (hit && !fresh && Date.now() - hit.at < REPORT_FRESH_MS) return hit.figures;
  const figures = computeFigures(period);
  cache.delete(key);
  cache.set(key, { at: Date.now(), figures });
  // A failed computation is not kept; the oldest period goes when the cache is full.
  figures.catch(() => {
    if (cache.get(key)?.figures === figures) cache.delete(key);
  });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return figures;
}

async function computeFigures(period: ReportPeriod): Promise<Figures> {
  const computedAt = new Date();
  const start = zonedDayStart(period.from);
  const end = zonedDayStart(period.to, 1);
  const [concernRows, rightsRows] = await Promise.all([
    grouped(
      { category: concerns.category, at: sql`${concerns.receivedAt}` },
      "concerns",
      {
        patientId: concerns.patientId,
        done: sql<boolean>`${concerns.resolvedAt} is not null`,
        days: sql<number>`extract(epoch from ${concerns.resolvedAt} - ${concerns.receivedAt}) / 86400`,
        onTime: sql<boolean>`${concerns.resolvedAt} <= ${concerns.resolveDueAt}`,
      },
      and(gte(concerns.receivedAt, start), lt(concerns.receivedAt, end)),
    ),
    grouped(
      { category: rightsRequests.type, at: sql`${rightsRequests.receivedOn}` },
      "rights",
      {
        patientId: rightsRequests.patientId,
        done: sql<boolean>`${rightsRequests.responseSentOn} is not null`,
        days: sql<number>`${rightsRequests.responseSentOn} - ${rightsRequests.receivedOn}`,
        onTime: sql<boolean>`${rightsRequests.responseSentOn} <= coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`,
      },
      and(gte(rightsRequests.receivedOn, period.from), lte(rightsRequests.receivedOn, period.to)),
    ),
  ]);
  const total = (rows: GroupedRow[]) => rows.find((r) => r.dimension === "total");
  const c = total(concernRows);
  const r = total(rightsRows);
  return {
    computedAt,
    concerns: tables("concerns", concernRows),
    rights: tables("rights", rightsRows),
    totals: {
      concerns: c?.items ?? 0,
      concernsResolved: c?.done ?? 0,
      concernMedianDays: c?.medianDays ?? null,
      rights: r?.items ?? 0,
      rightsAnswered: r?.done ?? 0,
      rightsOnTimeShare: r && r.done > 0 ? r.onTime / r.done : null,
    },
  };
}

/**
 * The equity report: concerns and rights requests received in the period, by category, preferred
 * language, race, ethnicity and age band, with the median days to resolve or answer and the share
 * of rights requests answered on time. Organisation-wide, aggregated, and groups of fewer than
 * five patients suppressed, so no one can be singled out. Figures are reused for a few minutes
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
  authorizeGlobal(actor, "read:reports");
  const figures = await cachedFigures(period, options.fresh ?? false);
  await recordAudit(
    db(),
    actor,
    options.download
      ? { action: "report.csv", details: { table: options.download, ...period } }
      : { action: "report.view", details: { ...period } },
  );
  return { period, ...figures };
}

/** For routes that check their own input: refuse (404) before saying anything about the input. */
export function authorizeReports(actor: Actor): void {
  authorizeGlobal(actor, "read:reports");
}
