import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { patients } from "./patients";

export const ROLES = ["admin", "coordinator", "advocate", "patient", "family"] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    // A patient account is the patient: the link is what "self" means to the policy.
    patientId: uuid("patient_id").references(() => patients.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_patient_id_key").on(t.patientId),
    index("users_role_idx").on(t.role, t.name),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_role_check", sql`${t.role} in ('admin','coordinator','advocate','patient','family')`),
    check("users_patient_link_check", sql`(${t.role} = 'patient') = (${t.patientId} is not null)`),
  ],
);
