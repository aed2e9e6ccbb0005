import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { users } from "./users";

export const RESOURCE_CATEGORIES = [
  "rights",
  "financial-help",
  "support-services",
  "transport",
  "language-access",
  "other",
] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/** The resource library advocates maintain: plain-language summaries of rights, help and services. */
export const educationResources = pgTable(
  "education_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    category: text("category", { enum: RESOURCE_CATEGORIES }).notNull(),
    summary: text("summary").notNull(),
    url: text("url"),
    /** BCP 47 language tag of the material, e.g. "en", "es". */
    language: text("language").notNull().default("en"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("education_resources_title_key")
      .on(sql`lower(${t.title})`, t.language)
      .where(sql`${t.archivedAt} is null`),
    check("education_resources_category_check", sql`${t.category} in (${inList(RESOURCE_CATEGORIES)})`),
    check("education_resources_url_check", sql`${t.url} is null or ${t.url} ~ '^https?://'`),
  ],
);

/** What was given to which patient, when and by whom. */
export const resourcesGiven = pgTable(
  "resources_given",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => educationResources.id),
    givenBy: uuid("given_by")
      .notNull()
      .references(() => users.id),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull().defaultNow(),
    note: text("note"),
  },
  (t) => [index("resources_given_patient_idx").on(t.patientId, t.givenAt)],
);
