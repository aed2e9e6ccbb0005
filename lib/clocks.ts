import { z } from "zod";
import type { ConcernSeverity } from "@/db/schema/concerns";
import type { RightsRequestType } from "@/db/schema/rights-requests";
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

/**
 * Rights-request clocks in calendar days from the day the request was received (DESIGN.md's
 * table): access 30, amendment 60, accounting 60, each with one extension of 30 days; restriction
 * and confidential communications on the organisation's own target, without an extension.
 */
export function rightsClocks(): Record<RightsRequestType, { days: number; extensionDays: number | null }> {
  const e = env();
  return {
    access: { days: e.RIGHTS_ACCESS_DAYS, extensionDays: e.RIGHTS_EXTENSION_DAYS },
    amendment: { days: e.RIGHTS_AMENDMENT_DAYS, extensionDays: e.RIGHTS_EXTENSION_DAYS },
    accounting: { days: e.RIGHTS_ACCOUNTING_DAYS, extensionDays: e.RIGHTS_EXTENSION_DAYS },
    restriction: { days: e.RIGHTS_RESTRICTION_DAYS, extensionDays: null },
    "confidential-communication": { days: e.RIGHTS_CONFIDENTIAL_COMMUNICATION_DAYS, extensionDays: null },
  };
}

/** The day a request is due: calendar days from the (organisation-zone) day it was received. */
export function rightsDueOn(type: RightsRequestType, receivedOn: string): string {
  return addDaysIso(receivedOn, rightsClocks()[type].days);
}

/** The new due day after the one extension, counted from the first due day. */
export function rightsExtendedDueOn(type: RightsRequestType, dueOn: string): string | null {
  const days = rightsClocks()[type].extensionDays;
  return days === null ? null : addDaysIso(dueOn, days);
}

/**
 * How long the care team has to answer a patient's (or family member's) message in a conversation:
 * the organisation's own target, 2 business days by default, overridable by the environment
 * (MESSAGE_ANSWER_BUSINESS_DAYS, 1 to 10).
 */
export function conversationClocks() {
  const days = z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(2)
    .safeParse(process.env.MESSAGE_ANSWER_BUSINESS_DAYS || undefined);
  return { answerBusinessDays: days.success ? days.data : 2 };
}

/** When the care team must answer a message the patient's side sent at `sentAt`. */
export function answerDueAt(sentAt: Date, timeZone: string = orgTimeZone()): Date {
  return addBusinessDays(sentAt, conversationClocks().answerBusinessDays, timeZone);
}
