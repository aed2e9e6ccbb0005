import { dateTimeFormat, orgTimeZone } from "@/lib/time";
import type { Locale } from "./messages";

const TAG: Record<Locale, string> = { en: "en-US", es: "es-US" };

/** Dates and times in the patient's language, on the organisation's clock. */
export function portalFormat(locale: Locale) {
  const zone = orgTimeZone();
  const day = dateTimeFormat(TAG[locale], { dateStyle: "long", timeZone: "UTC" });
  const dateTime = dateTimeFormat(TAG[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: zone,
  });
  const time = dateTimeFormat(TAG[locale], { hour: "numeric", minute: "2-digit", timeZone: zone });
  const instantDay = dateTimeFormat(TAG[locale], { dateStyle: "long", timeZone: zone });
  return {
    /** An ISO calendar date (YYYY-MM-DD). */
    date: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
    /** The calendar day an instant falls on, in the organisation's zone. */
    day: (instant: Date) => instantDay.format(instant),
    dateTime: (instant: Date) => dateTime.format(instant),
    time: (instant: Date) => time.format(instant),
  };
}
