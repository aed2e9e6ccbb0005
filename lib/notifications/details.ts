import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appointments, type NotificationKind } from "@/db/schema";
import { dateTimeFormat, orgTimeZone } from "@/lib/time";
import type { WrittenLanguage } from "@/lib/written-language";

/** An appointment's day, time and place as a notification may carry them. */
export interface AppointmentDetails {
  day: string;
  time: string;
  place: string | null;
}

const WITH_DETAILS: readonly NotificationKind[] = [
  "appointment-reminder",
  "appointment-booked",
  "appointment-moved",
];

/**
 * The appointment's day, time and place, in the recipient's language and the organisation's
 * zone, for a person who chose to have them in emails and texts (notification_settings.
 * include_details): nothing else of it (not its title, kind or clinician), and nothing for a
 * cancelled one. Null when the kind carries none. Reads no policy: delivery, for its recipient.
 */
export async function unsafeAppointmentDetails(
  executor: Executor,
  kind: NotificationKind,
  appointmentId: string | null,
  language: WrittenLanguage,
): Promise<AppointmentDetails | null> {
  if (!appointmentId || !WITH_DETAILS.includes(kind)) return null;
  const [visit] = await executor
    .select({ startsAt: appointments.startsAt, location: appointments.location })
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), ne(appointments.status, "cancelled")));
  if (!visit) return null;
  const locale = language === "es" ? "es-US" : "en-US";
  const timeZone = orgTimeZone();
  return {
    day: dateTimeFormat(locale, { dateStyle: "full", timeZone }).format(visit.startsAt),
    time: dateTimeFormat(locale, { timeStyle: "short", timeZone }).format(visit.startsAt),
    place: visit.location,
  };
}
