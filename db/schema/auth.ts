import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ROLES, users } from "./users";

/** One row per signed-in browser; the signed cookie carries only this id. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    // The role the session was issued for: a role change ends the session.
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
    ipAddress: text("ip_address"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    check(
      "sessions_revoked_reason_check",
      sql`${t.revokedReason} is null or ${t.revokedReason} in ('sign-out','idle','expired','deactivated','role-changed','password-reset')`,
    ),
  ],
);

/** Failed sign-ins per email (known or not, so a lockout tells nothing about which emails exist). */
export const signInThrottle = pgTable("sign_in_throttle", {
  email: text("email").primaryKey(),
  failedCount: integer("failed_count").notNull().default(0),
  lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** Every sign-in attempt by address, for throttling one address that tries many accounts. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ipAddress: text("ip_address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_ip_idx").on(t.ipAddress, t.attemptedAt)],
);
