import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sessions } from "./auth";
import { bytea } from "./bytea";
import { users } from "./users";

/**
 * A person's authenticator app (RFC 6238). The shared secret is kept encrypted under a key derived
 * from AUTH_SECRET, bound to the user (lib/auth/second-factor/secret-box.ts); `last_used_step` is
 * the last 30-second step accepted, so no code is accepted twice.
 */
export const userTotp = pgTable(
  "user_totp",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    secretCiphertext: text("secret_ciphertext").notNull(),
    keyVersion: smallint("key_version").notNull().default(1),
    /** Null while enrolment waits for the first good code. */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("user_totp_step_after_confirm", sql`${t.lastUsedStep} is null or ${t.confirmedAt} is not null`),
    check(
      "user_totp_ciphertext_shape",
      sql`${t.secretCiphertext} ~ '^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'`,
    ),
  ],
);

/** Ten single-use codes for when the phone is lost; only their keyed hashes are kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedSessionId: uuid("used_session_id").references(() => sessions.id),
  },
  (t) => [
    uniqueIndex("recovery_codes_user_hash_key").on(t.userId, t.codeHash),
    index("recovery_codes_unused_idx").on(t.userId).where(sql`${t.usedAt} is null`),
    check("recovery_codes_hash_shape", sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
    check("recovery_codes_used_together", sql`(${t.usedAt} is null) = (${t.usedSessionId} is null)`),
  ],
);

/** A passkey or security key (WebAuthn): the public key and its signature counter. */
export const webauthnCredentials = pgTable(
  "webauthn_credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    credentialId: text("credential_id").notNull(),
    publicKey: bytea("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports").array().notNull().default(sql`'{}'::text[]`),
    deviceType: text("device_type", { enum: ["singleDevice", "multiDevice"] }).notNull(),
    backedUp: boolean("backed_up").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webauthn_credentials_credential_id_key").on(t.credentialId),
    index("webauthn_credentials_user_idx").on(t.userId),
    check("webauthn_credentials_counter_check", sql`${t.counter} >= 0`),
    check("webauthn_credentials_device_type_check", sql`${t.deviceType} in ('singleDevice','multiDevice')`),
    check("webauthn_credentials_name_length", sql`char_length(${t.name}) between 1 and 60`),
  ],
);

/**
 * Wrong second-factor codes per user. A good password does not reset it, so each password does not
 * buy five more guesses; the fifth wrong code locks the account as wrong passwords do.
 */
export const secondFactorThrottle = pgTable(
  "second_factor_throttle",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    failedCount: integer("failed_count").notNull().default(0),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }),
  },
  (t) => [check("second_factor_throttle_count_check", sql`${t.failedCount} >= 0`)],
);

/** A staff account linked to the organisation's identity provider: the issuer's subject, once. */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    emailAtLink: text("email_at_link").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("user_identities_issuer_subject_key").on(t.issuer, t.subject),
    uniqueIndex("user_identities_user_issuer_key").on(t.userId, t.issuer),
  ],
);

/** The organisation's sign-in rules: one row, edited by an admin with a version. */
export const organisationSettings = pgTable(
  "organisation_settings",
  {
    id: boolean("id").primaryKey().default(true),
    secondFactorRequiredForStaff: boolean("second_factor_required_for_staff").notNull().default(true),
    ssoAutoProvision: boolean("sso_auto_provision").notNull().default(false),
    ssoProvisionRole: text("sso_provision_role", { enum: ["coordinator", "advocate"] }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("organisation_settings_single_row", sql`${t.id}`),
    check(
      "organisation_settings_provision_role_check",
      sql`${t.ssoProvisionRole} is null or ${t.ssoProvisionRole} in ('coordinator','advocate')`,
    ),
    check(
      "organisation_settings_provision_needs_role",
      sql`not ${t.ssoAutoProvision} or ${t.ssoProvisionRole} is not null`,
    ),
  ],
);
