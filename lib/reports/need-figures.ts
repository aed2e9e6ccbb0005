import "server-only";
import { and, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { needs, referrals } from "@/db/schema";
import { zonedDayStart } from "@/lib/time";
import { countKinds, type GroupFigures, grouped, quarterInstants, quarterOf } from "./figures";
import { reportPeriod } from "./periods";

// Needs and referrals for the equity report, read from their tables the way figures.ts reads
// concerns: one select per kind and year, counted by the same groups, per quarter and for the
// year, so the same suppression (suppression.ts) applies to them unchanged.

export interface NeedFigures {
  /** Needs found (identified) in the period. */
  needs: GroupFigures[];
  /** Referrals that ended in the period; done: those completed. */
  referrals: GroupFigures[];
  /** Needs met in the period; days: from found to met. */
  needsMet: GroupFigures[];
}

const noDays = sql<number>`null::numeric`;
const never = sql<boolean>`false`;
const days = (from: PgColumn, to: PgColumn) => sql<number>`extract(epoch from ${to} - ${from}) / 86400`;

/** The moments of one calendar year, from its first day to the next year's, in the organisation's zone. */
function inYear(column: PgColumn, year: number): SQL | undefined {
  const { from, to } = reportPeriod(year, null);
  return and(gte(column, zonedDayStart(from)), lt(column, zonedDayStart(to, 1)));
}

/**
 * The counts of needs found, referrals ended and needs met in one calendar year, per quarter and
 * for the year, as selects for `countKinds` to run together.
 * A need is counted by its domain (the report's category); a referral by its need's domain. A
 * referral counts in the period it ended (completed, declined or no answer); a need in the period
 * it was met, while it is met (reopening it clears met_at, so it counts again when met again).
 */
export function needYearSelects(year: number) {
  const starts = quarterInstants(year);
  const needDomain = sql<string>`(select n.domain from ${needs} n where n.id = ${referrals.needId})`;
  return {
    needs: grouped(
      "needs",
      needs,
      {
        category: needs.domain,
        at: sql`${needs.identifiedAt}`,
        quarter: quarterOf(sql`${needs.identifiedAt}`, starts),
      },
      { patientId: needs.patientId, done: never, days: noDays, onTime: never },
      inYear(needs.identifiedAt, year),
    ),
    referrals: grouped(
      "referrals",
      referrals,
      {
        category: needDomain,
        at: sql`${referrals.endedAt}`,
        quarter: quarterOf(sql`${referrals.endedAt}`, starts),
      },
      {
        patientId: referrals.patientId,
        done: sql<boolean>`${referrals.status} = 'completed'`,
        days: noDays,
        onTime: never,
      },
      and(inYear(referrals.endedAt, year), inArray(referrals.status, ["completed", "declined", "no-answer"])),
    ),
    needsMet: grouped(
      "needsMet",
      needs,
      { category: needs.domain, at: sql`${needs.metAt}`, quarter: quarterOf(sql`${needs.metAt}`, starts) },
      {
        patientId: needs.patientId,
        done: sql<boolean>`true`,
        days: days(needs.identifiedAt, needs.metAt),
        onTime: never,
      },
      and(inYear(needs.metAt, year), eq(needs.status, "met")),
    ),
  };
}

/** Needs found, referrals ended and needs met in one calendar year, in one statement. */
export function countNeedsYear(year: number): Promise<NeedFigures> {
  return countKinds(needYearSelects(year));
}
