import "server-only";
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { appointments, clinicians } from "@/db/schema";
import { shape, text } from "./shape";

/**
 * Appointments in the timeline's shape: what the patient is told (with its language and the English
 * beside Spanish instructions), never the staff's notes.
 */
function appointmentRows(where: SQL | undefined) {
  return db()
    .select(
      shape("appointment", {
        id: sql`${appointments.id}`,
        at: sql`${appointments.startsAt}`,
        endsAt: sql`${appointments.endsAt}`,
        title: sql`${appointments.title}`,
        status: text(appointments.status),
        place: text(appointments.location),
        link: text(appointments.videoUrl),
        who: text(clinicians.name),
        extra: text(appointments.patientNotes),
        language: text(appointments.patientNotesLanguage),
        extraEnglish: text(appointments.patientNotesEnglish),
      }),
    )
    .from(appointments)
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(where);
}

/** The patient's appointments that started before a moment, for the history. */
export function pastAppointments(patientId: string, before: Date) {
  return appointmentRows(and(eq(appointments.patientId, patientId), lt(appointments.startsAt, before)));
}

/** The next appointments still on (scheduled or confirmed), soonest first: twenty unless told. */
export function upcomingAppointments(patientId: string, now: Date, limit = 20) {
  return appointmentRows(
    and(
      eq(appointments.patientId, patientId),
      gte(appointments.startsAt, now),
      inArray(appointments.status, ["scheduled", "confirmed"]),
    ),
  )
    .orderBy(asc(appointments.startsAt))
    .limit(limit);
}
