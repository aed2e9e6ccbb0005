import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { familyAccessGrants } from "./access";
import { patients } from "./patients";
import { users } from "./users";

/**
 * A patient's invitation to a family member or caregiver: a one-time link, of which only the
 * SHA-256 hash is kept, that expires after 72 hours and sets the invitee's password once.
 */
export const familyInvitations = pgTable(
  "family_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    email: text("email").notNull(),
    relationship: text("relationship").notNull(),
    canViewTimeline: boolean("can_view_timeline").notNull(),
    canRaiseConcerns: boolean("can_raise_concerns").notNull(),
    canViewRequests: boolean("can_view_requests").notNull().default(false),
    canMessage: boolean("can_message").notNull().default(false),
    /** The language the invitation page speaks: the patient's portal language when they invited. */
    locale: text("locale").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    grantId: uuid("grant_id").references(() => familyAccessGrants.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("family_invitations_token_key").on(t.tokenHash),
    index("family_invitations_patient_idx").on(t.patientId, t.createdAt),
    check("family_invitations_locale_check", sql`${t.locale} in ('en','es')`),
    check(
      "family_invitations_scope",
      sql`${t.canViewTimeline} or ${t.canRaiseConcerns} or ${t.canViewRequests} or ${t.canMessage}`,
    ),
    check("family_invitations_accepted", sql`(${t.acceptedAt} is null) = (${t.grantId} is null)`),
    check("family_invitations_email", sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`),
  ],
);
