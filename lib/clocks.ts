import type { ConcernSeverity } from "@/db/schema/concerns";
import { env } from "@/lib/env";
import { addDaysIso, orgTimeZone, toZonedInputValue, zonedWallTimeToInstant } from "@/lib/time";

/**
 * The organisation's clocks, in one place (DESIGN.md: targets are configuration, not literals).
 * Grievances: CMS guidance for 42 CFR 482.13(a)(2) — acknowledge promptly, resolve in about 7 days,
 * urgent ones sooner. Overridable by environment (lib/env.ts).
 */
export function concernClocks() {
  const e = env();
  return {
    acknowledgeBusinessDays: e.CONCERN_ACKNOWLEDGE_BUSINESS_DAYS,
    resolveDays: e.CONCERN_RESOLVE_DAYS,
    urgentAcknowledgeHours: e.CONCERN_URGENT_ACKNOWLEDGE_HOURS,
    urgentResolveDays: e.CONCERN_URGENT_RESOLVE_DAYS,
  };
}

function wall(instant: Date, timeZone: string) {
  const [date, time] = toZonedInputValue(instant, timeZone).split("T") as [string, string];
  return { date, time };
}

function at(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return zonedWallTimeToInstant({ year, month, day, hour, minute }, timeZone);
}

/** The same wall-clock time, whole calendar days later, in the organisation's zone (DST-safe). */
export function addCalendarDays(from: Date, days: number, timeZone: string = orgTimeZone()): Date {
  const { date, time } = wall(from, timeZone);
  return at(addDaysIso(date, days), time, timeZone);
}

/** The same wall-clock time on the Nth following weekday (Monday to Friday) in the organisation's zone. */
export function addBusinessDays(from: Date, days: number, timeZone: string = orgTimeZone()): Date {
  const { date, time } = wall(from, timeZone);
  let day = date;
  let left = days;
  while (left > 0) {
    day = addDaysIso(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at(day, time, timeZone);
}

/** When a concern received at `receivedAt` must be acknowledged and resolved. */
export function concernDueDates(
  receivedAt: Date,
  severity: ConcernSeverity,
  timeZone: string = orgTimeZone(),
): { acknowledgeDueAt: Date; resolveDueAt: Date } {
  const clocks = concernClocks();
  if (severity === "urgent")
    return {
      acknowledgeDueAt: new Date(receivedAt.getTime() + clocks.urgentAcknowledgeHours * 3_600_000),
      resolveDueAt: addCalendarDays(receivedAt, clocks.urgentResolveDays, timeZone),
    };
  return {
    acknowledgeDueAt: addBusinessDays(receivedAt, clocks.acknowledgeBusinessDays, timeZone),
    resolveDueAt: addCalendarDays(receivedAt, clocks.resolveDays, timeZone),
  };
}
