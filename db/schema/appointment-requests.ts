import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { patients } from "./patients";
import { users } from "./users";

/**
 * What became of a request: the change was made (completed), the coordinator could not make it
 * (declined), or it no longer applies (cancelled: withdrawn, or the appointment itself went).
 */
export const APPOINTMENT_REQUEST_OUTCOMES = ["completed", "declined", "cancelled"] as const;
export type AppointmentRequestOutcome = (typeof APPOINTMENT_REQUEST_OUTCOMES)[number];

export const APPOINTMENT_REQUEST_KINDS = ["reschedule", "cancel"] as const;
export type AppointmentRequestKind = (typeof APPOINTMENT_REQUEST_KINDS)[number];

/**
 * A patient's request to move or cancel an appointment: a task for the coordinator, who makes the
 * change with the scheduling tools and then marks the request done with a note.
 */
export const appointmentRequests = pgTable(
  "appointment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    kind: text("kind", { enum: APPOINTMENT_REQUEST_KINDS }).notNull(),
    reason: text("reason").notNull(),
    preferredTimes: text("preferred_times"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    handledBy: uuid("handled_by").references(() => users.id),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    handledNote: text("handled_note"),
    /** Told to the patient and family, with the note as the reason, in the appointment and the timeline. */
    outcome: text("outcome", { enum: APPOINTMENT_REQUEST_OUTCOMES }),
  },
  (t) => [
    index("appointment_requests_open_idx").on(t.patientId, t.requestedAt).where(sql`${t.handledAt} is null`),
    index("appointment_requests_appointment_idx").on(t.appointmentId),
    check("appointment_requests_kind_check", sql`${t.kind} in ('reschedule','cancel')`),
    check(
      "appointment_requests_handled",
      sql`(${t.handledAt} is null) = (${t.handledBy} is null) and (${t.handledAt} is null) = (${t.handledNote} is null)`,
    ),
    check(
      "appointment_requests_outcome",
      sql`(${t.handledAt} is null) = (${t.outcome} is null) and (${t.outcome} is null or ${t.outcome} in ('completed','declined','cancelled'))`,
    ),
  ],
);
