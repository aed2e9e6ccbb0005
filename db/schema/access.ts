import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { users } from "./users";

export const CASELOAD_KINDS = ["coordinator", "advocate"] as const;
export type CaseloadKind = (typeof CASELOAD_KINDS)[number];

/** Staff ↔ patient. Ended rather than deleted, so the history of who held a patient stays. */
export const caseloadAssignments = pgTable(
  "caseload_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => users.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    kind: text("kind", { enum: CASELOAD_KINDS }).notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
    assignedBy: uuid("assigned_by").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("caseload_active_key").on(t.staffUserId, t.patientId).where(sql`${t.endedAt} is null`),
    uniqueIndex("caseload_one_primary_key")
      .on(t.patientId, t.kind)
      .where(sql`${t.isPrimary} and ${t.endedAt} is null`),
    index("caseload_patient_idx").on(t.patientId),
    check("caseload_kind_check", sql`${t.kind} in ('coordinator','advocate')`),
  ],
);

export const familyAccessGrants = pgTable(
  "family_access_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    familyUserId: uuid("family_user_id")
      .notNull()
      .references(() => users.id),
    relationship: text("relationship").notNull(),
    canViewTimeline: boolean("can_view_timeline").notNull().default(true),
    canRaiseConcerns: boolean("can_raise_concerns").notNull().default(false),
    /** Rights requests, shared only when the patient says so; never a confidential-communications one. */
    canViewRequests: boolean("can_view_requests").notNull().default(false),
    /** Conversations with the care team: read them and write in them, on the patient's behalf. */
    canMessage: boolean("can_message").notNull().default(false),
    grantedBy: uuid("granted_by")
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("family_grant_active_key").on(t.patientId, t.familyUserId).where(sql`${t.revokedAt} is null`),
    index("family_grant_user_idx").on(t.familyUserId),
  ],
);

/** "Break the glass": time-limited access outside the caseload, with a reason an admin reviews. */
export const emergencyAccessGrants = pgTable(
  "emergency_access_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    reason: text("reason").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("emergency_access_user_patient_idx").on(t.userId, t.patientId, t.expiresAt),
    index("emergency_access_granted_idx").on(t.grantedAt),
    check("emergency_access_reason_length", sql`char_length(${t.reason}) >= 10`),
    check("emergency_access_expiry_after_grant", sql`${t.expiresAt} > ${t.grantedAt}`),
  ],
);
