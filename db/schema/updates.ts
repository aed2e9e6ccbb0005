import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { users } from "./users";

export const UPDATE_STATUSES = ["draft", "published"] as const;
/** The languages staff write an update in: those the portal speaks. */
export const UPDATE_LANGUAGES = ["en", "es"] as const;
export type UpdateLanguage = (typeof UPDATE_LANGUAGES)[number];

/**
 * Progress updates written for the patient and family. A draft can be edited; once published
 * an update is fixed (a trigger refuses changes, migration 0006) and is only followed by a
 * correction, another update that points at it.
 */
export const patientUpdates = pgTable(
  "patient_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    progress: text("progress").notNull(),
    nextSteps: text("next_steps"),
    resources: text("resources"),
    /** The language it is written in: the portal tells a reader of another language which one it is. */
    language: text("language", { enum: UPDATE_LANGUAGES }).notNull().default("en"),
    status: text("status", { enum: UPDATE_STATUSES }).notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    correctsUpdateId: uuid("corrects_update_id").references((): AnyPgColumn => patientUpdates.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("patient_updates_patient_idx").on(t.patientId, t.createdAt),
    check("patient_updates_status_check", sql`${t.status} in ('draft','published')`),
    check("patient_updates_language_check", sql`${t.language} in ('en','es')`),
    check("patient_updates_published_at", sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);
