import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ROLES, users } from "./users";

export const AUTH_METHODS = ["password", "sso"] as const;
export const SESSION_STAGES = ["full", "second-factor", "enrol"] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];
export const SECOND_FACTOR_METHODS = ["totp", "webauthn", "recovery", "sso"] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

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
    /** How the person proved who they are: a password here, or the organisation's identity provider. */
    authMethod: text("auth_method", { enum: AUTH_METHODS }).notNull().default("password"),
    /**
     * `full` opens the portal; `second-factor` and `enrol` open only the page that finishes signing
     * in (ADR 013), so a password alone reaches nothing else.
     */
    stage: text("stage", { enum: SESSION_STAGES }).notNull().default("full"),
    /** When this session last proved a second factor: step-up asks again once it is old. */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    secondFactorMethod: text("second_factor_method", { enum: SECOND_FACTOR_METHODS }),
    /** The WebAuthn challenge this session was given, good for a few minutes and used once. */
    webauthnChallenge: text("webauthn_challenge"),
    webauthnChallengeExpiresAt: timestamp("webauthn_challenge_expires_at", { withTimezone: true }),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    check(
      "sessions_revoked_reason_check",
      sql`${t.revokedReason} is null or ${t.revokedReason} in ('sign-out','idle','expired','deactivated','role-changed','password-reset','second-factor-reset','second-factor-locked')`,
    ),
    check("sessions_auth_method_check", sql`${t.authMethod} in ('password','sso')`),
    check("sessions_stage_check", sql`${t.stage} in ('full','second-factor','enrol')`),
    check(
      "sessions_second_factor_method_check",
      sql`${t.secondFactorMethod} is null or ${t.secondFactorMethod} in ('totp','webauthn','recovery','sso')`,
    ),
    check(
      "sessions_second_factor_proven",
      sql`(${t.secondFactorAt} is null) = (${t.secondFactorMethod} is null) and (${t.stage} = 'full' or ${t.secondFactorAt} is null)`,
    ),
    check(
      "sessions_webauthn_challenge_expiry",
      sql`(${t.webauthnChallenge} is null) = (${t.webauthnChallengeExpiresAt} is null)`,
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
