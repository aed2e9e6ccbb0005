import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { englishBesideCheck, writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

export const UPDATE_STATUSES = ["draft", "published"] as const;

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
    language: writtenLanguage("language"),
    /** The update in English too, beside one written in Spanish: for family and staff who read English. */
    titleEnglish: text("title_english"),
    progressEnglish: text("progress_english"),
    nextStepsEnglish: text("next_steps_english"),
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
    englishBesideCheck("patient_updates_english_beside_spanish", t.language, [
      t.titleEnglish,
      t.progressEnglish,
      t.nextStepsEnglish,
    ]),
    check("patient_updates_published_at", sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);
