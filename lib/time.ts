import { env } from "@/lib/env";

/** The organisation's time zone: every time a person reads is shown in it. */
export function orgTimeZone(): string {
  return env().ORG_TIME_ZONE;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time in a zone names; in a DST gap it moves forward, in an overlap it takes the first. */
export function zonedWallTimeToInstant(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string = orgTimeZone(),
): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0);
  // The zone's offsets either side of any change that day.
  const before = offsetMs(new Date(guess - 12 * 3_600_000), timeZone);
  const after = offsetMs(new Date(guess + 12 * 3_600_000), timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => guess - offset)
    .filter((instant) => guess - offsetMs(new Date(instant), timeZone) === instant)
    .sort((a, b) => a - b);
  // No valid reading means the wall time fell in the spring gap: read it with the old offset.
  return new Date(valid[0] ?? guess - before);
}

/** Midnight at the start of an ISO date (plus whole days) in the organisation's zone. */
export function zonedDayStart(isoDate: string, addDays = 0, timeZone: string = orgTimeZone()): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + addDays));
  return zonedWallTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    timeZone,
  );
}

export function formatDateTime(instant: Date, timeZone: string = orgTimeZone()): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(instant);
}

/** A calendar date (no time, no zone), such as a date of birth. */
export function formatCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function ageOn(isoDate: string, today: Date = new Date()): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}
