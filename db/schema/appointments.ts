import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinicians } from "./care-team";
import { englishBesideCheck, writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

export const APPOINTMENT_KINDS = [
  "test",
  "treatment",
  "supportive-service",
  "follow-up",
  "telehealth",
] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_STATUSES = ["scheduled", "confirmed", "completed", "cancelled", "no-show"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Appointments. Two exclusion constraints (migration 0003) refuse any overlap, for the same
 * patient or the same clinician, among appointments that are not cancelled.
 */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    clinicianId: uuid("clinician_id").references(() => clinicians.id),
    kind: text("kind", { enum: APPOINTMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    location: text("location"),
    videoUrl: text("video_url"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: APPOINTMENT_STATUSES }).notNull().default("scheduled"),
    cancelReason: text("cancel_reason"),
    patientNotes: text("patient_notes"),
    /** The language the patient's instructions are written in, and the same words in English beside Spanish. */
    patientNotesLanguage: writtenLanguage("patient_notes_language"),
    patientNotesEnglish: text("patient_notes_english"),
    internalNotes: text("internal_notes"),
    /** Occurrences of one recurring series share this id; each can still move on its own. */
    seriesId: uuid("series_id"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("appointments_patient_idx").on(t.patientId, t.startsAt),
    index("appointments_clinician_idx").on(t.clinicianId, t.startsAt),
    index("appointments_starts_idx").on(t.startsAt),
    index("appointments_series_idx").on(t.seriesId),
    check(
      "appointments_kind_check",
      sql`${t.kind} in ('test','treatment','supportive-service','follow-up','telehealth')`,
    ),
    check(
      "appointments_status_check",
      sql`${t.status} in ('scheduled','confirmed','completed','cancelled','no-show')`,
    ),
    check("appointments_patient_notes_language_check", sql`${t.patientNotesLanguage} in ('en','es')`),
    englishBesideCheck("appointments_english_beside_spanish", t.patientNotesLanguage, [
      t.patientNotesEnglish,
    ]),
    check("appointments_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("appointments_shorter_than_a_day", sql`${t.endsAt} - ${t.startsAt} < interval '24 hours'`),
    check("appointments_cancel_reason", sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
  ],
);
