import { orgTimeZone, toZonedInputValue, zonedWallTimeToInstant } from "@/lib/time";

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

/**
 * When a text message held by quiet hours may go: null when `now` is outside the window, else the
 * window's end, the next `until` on the recipient's clock (the organisation's zone: people's own
 * zones are not recorded). A window may run past midnight (21:00–08:00, the default) or not
 * (13:00–14:00). Wall times are read in the zone, so the days the clocks change hold to 08:00.
 */
export function quietUntil(
  now: Date,
  from: string,
  until: string,
  timeZone: string = orgTimeZone(),
): Date | null {
  const local = toZonedInputValue(now, timeZone); // "YYYY-MM-DDTHH:MM"
  const [date = "", time = "00:00"] = local.split("T");
  const at = minutes(time);
  const start = minutes(from);
  const end = minutes(until);
  if (start === end) return null;
  const overnight = start > end;
  const quiet = overnight ? at >= start || at < end : at >= start && at < end;
  if (!quiet) return null;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  // Past midnight already (or a same-day window): the end is today; before midnight, tomorrow.
  const endDay = overnight && at >= start ? day + 1 : day;
  return zonedWallTimeToInstant(
    { year, month, day: endDay, hour: Math.floor(end / 60), minute: end % 60 },
    timeZone,
  );
}
