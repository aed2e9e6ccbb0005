import "server-only";
import { and, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import { type PgColumn, type PgTable, unionAll } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { concerns, patients, rightsRequests } from "@/db/schema";
import { zonedDayStart } from "@/lib/time";
import { reportPeriod } from "./periods";
import { AGE_BANDS, type Dimension, NOT_RECORDED } from "./schemas";

/** One group's figures in one quarter of the year, or (quarter null) in the whole year. */
export interface GroupFigures {
  quarter: number | null;
  dimension: Dimension | "total";
  key: string;
  items: number;
  patients: number;
  done: number;
  medianDays: number | null;
  onTime: number;
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

/** Which quarter a moment falls in, from where each quarter after the first starts. */
export const quarterOf = (at: SQL, starts: SQL[]) =>
  sql<number>`case when ${at} < ${starts[0]} then 1 when ${at} < ${starts[1]} then 2 when ${at} < ${starts[2]} then 3 else 4 end`;

/** What a year's counts are of: each kind's rows carry it, so every kind can be one UNION ALL. */
export type FigureKind = "concerns" | "rights" | "needs" | "referrals" | "needsMet";

/**
 * One select per kind and year: the year's rows with their patient's groups and quarter worked
 * out in a subquery, then counted by each dimension, per quarter and for the year, with GROUPING SETS.
 * `at` is the moment counted (age is taken then); `days` counts towards the median where `done`.
 * Not run here: `countKinds` runs the kinds a page needs together, in one statement.
 */
export function grouped(
  kind: FigureKind,
  table: PgTable,
  base: { category: PgColumn | SQL; at: SQL; quarter: SQL<number> },
  measures: { patientId: PgColumn; done: SQL<boolean>; days: SQL<number>; onTime: SQL<boolean> },
  where: SQL | undefined,
) {
  const sub = db()
    .select({
      patientId: sql<string>`${measures.patientId}`.as("patient_id"),
      quarter: sql<number>`${base.quarter}`.as("quarter"),
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
  const dimensions = [sub.category, sub.language, sub.race, sub.ethnicity, sub.ageBand];
  const dimension = sql<
    Dimension | "total"
  >`case when grouping(${sub.category}) = 0 then 'category' when grouping(${sub.language}) = 0 then 'language' when grouping(${sub.race}) = 0 then 'race' when grouping(${sub.ethnicity}) = 0 then 'ethnicity' when grouping(${sub.ageBand}) = 0 then 'age' else 'total' end`;
  const sets = [
    ...dimensions.flatMap((d) => [sql`(${sub.quarter}, ${d})`, sql`(${d})`]),
    sql`(${sub.quarter})`,
    sql`()`,
  ];
  return db()
    .select({
      kind: sql<FigureKind>`${kind}::text`,
      quarter: sql<number | null>`${sub.quarter}`.mapWith((v) => (v === null ? null : Number(v))),
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
    .groupBy(sql`grouping sets (${sql.join(sets, sql`, `)})`);
}

/** Where the year's second, third and fourth quarters start, as instants in the organisation's time zone. */
export function quarterInstants(year: number): SQL[] {
  return ([2, 3, 4] as const).map(
    (q) => sql`${zonedDayStart(reportPeriod(year, q).from).toISOString()}::timestamptz`,
  );
}

type KindSelect = ReturnType<typeof grouped>;

/** Runs each kind's counts as one statement (UNION ALL), and hands them back by kind. */
export async function countKinds<K extends FigureKind>(
  selects: Record<K, KindSelect>,
): Promise<Record<K, GroupFigures[]>> {
  const [first, ...rest] = Object.values(selects) as KindSelect[];
  const rows = rest.length > 0 ? await unionAll(first!, rest[0]!, ...rest.slice(1)) : await first!;
  const out = Object.fromEntries(Object.keys(selects).map((k) => [k, [] as GroupFigures[]])) as Record<
    K,
    GroupFigures[]
  >;
  for (const { kind, ...figures } of rows) out[kind as K].push(figures);
  return out;
}

/** Concerns and rights requests received in one calendar year, counted per quarter and for the year. */
export function yearSelects(year: number): Record<"concerns" | "rights", KindSelect> {
  const { from, to } = reportPeriod(year, null);
  const starts = ([2, 3, 4] as const).map((q) => reportPeriod(year, q).from);
  const instants = quarterInstants(year);
  const days = starts.map((day) => sql`${day}::date`);
  return {
    concerns: grouped(
      "concerns",
      concerns,
      {
        category: concerns.category,
        at: sql`${concerns.receivedAt}`,
        quarter: quarterOf(sql`${concerns.receivedAt}`, instants),
      },
      {
        patientId: concerns.patientId,
        done: sql<boolean>`${concerns.resolvedAt} is not null`,
        days: sql<number>`extract(epoch from ${concerns.resolvedAt} - ${concerns.receivedAt}) / 86400`,
        onTime: sql<boolean>`${concerns.resolvedAt} <= ${concerns.resolveDueAt}`,
      },
      and(gte(concerns.receivedAt, zonedDayStart(from)), lt(concerns.receivedAt, zonedDayStart(to, 1))),
    ),
    rights: grouped(
      "rights",
      rightsRequests,
      {
        category: rightsRequests.type,
        at: sql`${rightsRequests.receivedOn}`,
        quarter: quarterOf(sql`${rightsRequests.receivedOn}`, days),
      },
      {
        patientId: rightsRequests.patientId,
        done: sql<boolean>`${rightsRequests.responseSentOn} is not null`,
        days: sql<number>`${rightsRequests.responseSentOn} - ${rightsRequests.receivedOn}`,
        onTime: sql<boolean>`${rightsRequests.responseSentOn} <= coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`,
      },
      and(gte(rightsRequests.receivedOn, from), lte(rightsRequests.receivedOn, to)),
    ),
  };
}
