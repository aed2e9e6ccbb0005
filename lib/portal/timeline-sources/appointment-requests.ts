import "server-only";
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { appointmentRequests, appointments } from "@/db/schema";
import { shape, text } from "./shape";

/**
 * What became of the patient's requests to move or cancel an appointment, when it happened: the
 * outcome as a key (status, translated on the page), the request's kind as a key (extra), the
 * coordinator's note as written (body), and the appointment the item links to (link: its id).
 * It is about an appointment, so it is read through the same portal permission as appointments.
 */
export function handledAppointmentRequests(patientId: string, before: Date) {
  return db()
    .select(
      shape("appointmentChange", {
        id: sql`${appointmentRequests.id}`,
        at: sql`${appointmentRequests.handledAt}`,
        title: sql`${appointments.title}`,
        status: text(appointmentRequests.outcome),
        body: text(appointmentRequests.handledNote),
        extra: text(appointmentRequests.kind),
        link: text(appointmentRequests.appointmentId),
      }),
    )
    .from(appointmentRequests)
    .innerJoin(appointments, eq(appointments.id, appointmentRequests.appointmentId))
    .where(
      and(
        // Through the appointment's patient: its index, then the requests' index by appointment.
        eq(appointments.patientId, patientId),
        isNotNull(appointmentRequests.handledAt),
        lt(appointmentRequests.handledAt, before),
      ),
    );
}
