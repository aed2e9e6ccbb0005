import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";

export const CLINICIAN_KINDS = ["clinician", "resource"] as const;

/**
 * The directory of clinicians and bookable resources (a scanner, an infusion chair, a group room).
 * One row per person or resource, shared by every patient whose team they are on, so the
 * database can refuse to double-book them.
 */
export const clinicians = pgTable(
  "clinicians",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: CLINICIAN_KINDS }).notNull().default("clinician"),
    discipline: text("discipline").notNull(),
    organisation: text("organisation"),
    phone: text("phone"),
    email: text("email"),
    internal: boolean("internal").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("clinicians_name_idx").on(t.name),
    check("clinicians_kind_check", sql`${t.kind} in ('clinician','resource')`),
  ],
);

/** Who is on one patient's care team. Ended by archiving, never deleted. */
export const careTeamMembers = pgTable(
  "care_team_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => clinicians.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    index("care_team_members_patient_idx").on(t.patientId),
    uniqueIndex("care_team_members_active_key")
      .on(t.patientId, t.clinicianId)
      .where(sql`${t.archivedAt} is null`),
  ],
);
