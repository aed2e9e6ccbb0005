/**
 * What every seeder shares: the deterministic random draws, the calendar arithmetic the demo's
 * dates are built from (relative to today, so the demo never goes stale), and chunked inserts.
 */
import { zonedWallTimeToInstant } from "@/lib/time";

/** A small deterministic PRNG (mulberry32): the same seed gives the same people every time. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

/**
 * One stream of draws is shared by the patients, their care teams and their appointments, in that
 * order: a seeder that drew in a different order would give every later patient different data.
 */
export type Random = ReturnType<typeof random>;

export const DAY_MS = 86_400_000;
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
export const plusDays = (iso: string, days: number) => isoDay(new Date(Date.parse(iso) + days * DAY_MS));

/** The UTC calendar day `offset` days from `today`'s (midnight UTC), for walking a diary day by day. */
export function utcDayFrom(today: Date, offset: number): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset));
}

/**
 * The instant a clinic's wall clock shows hour:minute on that calendar day: visits are booked in the
 * organisation's zone, so a 9 am visit stays at 9 am on both sides of a daylight-saving change.
 */
export function orgWallTime(day: Date, hour: number, minute: number): Date {
  const zone = process.env.ORG_TIME_ZONE ?? "America/New_York";
  return zonedWallTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
    zone,
  );
}

/** Inserts in slices: one statement may carry at most 65,535 parameters, and a big seed has more. */
export async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
