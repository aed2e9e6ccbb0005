import { Temporal } from "temporal-polyfill";
import { env } from "@/lib/env";

/** The organisation's time zone: every time a person reads is shown in it. */
export function orgTimeZone(): string {
  return env().ORG_TIME_ZONE;
}

// Making an Intl.DateTimeFormat costs about as much as rendering a small page (it loads locale and
// zone data); a busy page formats hundreds of times. One is made per locale and options and reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.DateTimeFormat for a locale and options. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/**
 * The instant a wall-clock time in a zone names. The fields roll over as Date.UTC's do (day 32 is
 * the 1st of the next month). A wall time the zone skips (the spring-forward gap) is read with the
 * offset from before the change, so it moves forward by the length of the gap (02:30 becomes 03:30
 * daylight time); one the zone repeats (the fall-back overlap) takes the first, the earlier instant.
 * That is Temporal's "compatible" disambiguation and RFC 5545's rule for calendar times, and the
 * rule the hand-written arithmetic this replaced followed; that code broke it only where a zone's
 * offset passes ±12 hours, as Auckland's does (docs/decisions/007-time-zones-from-a-library.md).
 */
export function zonedWallTimeToInstant(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string = orgTimeZone(),
): Date {
  const fields = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0));
  const plain = new Temporal.PlainDateTime(
    fields.getUTCFullYear(),
    fields.getUTCMonth() + 1,
    fields.getUTCDate(),
    fields.getUTCHours(),
    fields.getUTCMinutes(),
  );
  return new Date(plain.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
}

/**
 * Midnight at the start of an ISO date (plus whole days) in the organisation's zone: where a zone
 * skips midnight, the first instant of the day, so a day is [zonedDayStart(d), zonedDayStart(d, 1)).
 */
export function zonedDayStart(isoDate: string, addDays = 0, timeZone: string = orgTimeZone()): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + addDays));
  return zonedWallTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    timeZone,
  );
}

export function formatDateTime(instant: Date, timeZone: string = orgTimeZone()): string {
  return dateTimeFormat("en-US", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(instant);
}

export function formatTime(instant: Date, timeZone: string = orgTimeZone()): string {
  return dateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(instant);
}

/** A calendar date (no time, no zone), such as a date of birth. */
export function formatCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return dateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function ageOn(isoDate: string, today: Date = new Date()): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An instant as the value of an <input type="datetime-local"> in the organisation's zone. Reading
 * an instant's wall clock needs no arithmetic: Intl gives the fields, from the same time-zone data
 * the Temporal polyfill reads, at less than half its cost on this hot path (ADR 007).
 */
export function toZonedInputValue(instant: Date, timeZone: string = orgTimeZone()): string {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${get("year")}-${pad(get("month"))}-${pad(get("day"))}T${pad(get("hour"))}:${pad(get("minute"))}`;
}

/** Reads a datetime-local value ("2026-11-24T09:30") as a wall-clock time in the organisation's zone. */
export function fromZonedInputValue(value: string, timeZone: string = orgTimeZone()): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null;
  return zonedWallTimeToInstant({ year, month, day, hour, minute }, timeZone);
}

export function formatTimeRange(start: Date, end: Date, timeZone: string = orgTimeZone()): string {
  const day = dateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
  });
  const time = dateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** Which organisation-zone calendar day (ISO date) an instant falls on; today by default. */
export function zonedDate(instant: Date = new Date(), timeZone: string = orgTimeZone()): string {
  return toZonedInputValue(instant, timeZone).slice(0, 10);
}

/** An ISO calendar date moved by whole days. */
export function addDaysIso(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** An ISO calendar date moved by whole years; 29 February lands on the 28th in a common year. */
export function addYearsIso(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
