import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const SEXES = ["female", "male", "intersex", "unknown"] as const;

export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mrn: text("mrn").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    genderIdentity: text("gender_identity"),
    preferredLanguage: text("preferred_language").notNull().default("en"),
    interpreterNeeded: boolean("interpreter_needed").notNull().default(false),
    race: text("race"),
    ethnicity: text("ethnicity"),
    phone: text("phone"),
    email: text("email"),
    addressLine: text("address_line"),
    city: text("city"),
    region: text("region"),
    postalCode: text("postal_code"),
    insurer: text("insurer"),
    insuranceMemberId: text("insurance_member_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("patients_mrn_key").on(t.mrn),
    index("patients_name_idx").on(t.familyName, t.givenName),
    /** Staff find a patient by the given name alone too ("Maria"), across the organisation. */
    index("patients_given_name_idx").on(t.givenName, t.familyName),
    index("patients_dob_idx").on(t.dateOfBirth),
    check("patients_sex_check", sql`${t.sex} in ('female','male','intersex','unknown')`),
    check("patients_mrn_format", sql`${t.mrn} ~ '^[A-Z0-9-]{4,20}$'`),
  ],
);
