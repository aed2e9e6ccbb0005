import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  organisationSettings,
  recoveryCodes,
  secondFactorThrottle,
  sessions,
  userIdentities,
  userTotp,
  webauthnCredentials,
} from "@/db/schema";
import { sealSecret } from "@/lib/auth/second-factor/secret-box";
import { expectDatabaseError } from "./support/database-errors";
import { createUser } from "./support/factories";

// Migration 0025's rules, each with the closest row that keeps it (accepted) beside the one that
// breaks it (refused by that constraint, with its SQLSTATE).

let userId: string;
let sessionId: string;
const HASH = (c: string) => c.repeat(64);
const later = () => new Date(Date.now() + 60_000);

beforeAll(async () => {
  const user = await createUser("advocate");
  userId = user.id;
  const [session] = await db()
    .insert(sessions)
    .values({ userId, role: "advocate", expiresAt: later() })
    .returning({ id: sessions.id });
  sessionId = session!.id;
});

const session = (over: Partial<typeof sessions.$inferInsert>) =>
  db()
    .insert(sessions)
    .values({ userId, role: "advocate", expiresAt: later(), ...over });
const passkey = (over: Partial<typeof webauthnCredentials.$inferInsert>) =>
  db()
    .insert(webauthnCredentials)
    .values({
      userId,
      credentialId: `cred-${Math.random().toString(36).slice(2)}`,
      publicKey: Buffer.from([1, 2, 3]),
      deviceType: "multiDevice",
      backedUp: true,
      name: "Laptop",
      ...over,
    });

interface Case {
  constraint: string;
  code?: string;
  ok: () => Promise<unknown>;
  bad: () => Promise<unknown>;
}

describe("second factor's rules (migration 0025)", () => {
  it.each<Case>([
    {
      constraint: "sessions_auth_method_check",
      ok: () => session({ authMethod: "sso" }),
      bad: () => session({ authMethod: "magic" as never }),
    },
    {
      constraint: "sessions_stage_check",
      ok: () => session({ stage: "enrol" }),
      bad: () => session({ stage: "half" as never }),
    },
    {
      constraint: "sessions_second_factor_method_check",
      ok: () => session({ secondFactorAt: new Date(), secondFactorMethod: "recovery" }),
      bad: () => session({ secondFactorAt: new Date(), secondFactorMethod: "sms" as never }),
    },
    {
      constraint: "sessions_webauthn_challenge_expiry",
      ok: () => session({ webauthnChallenge: "abc", webauthnChallengeExpiresAt: later() }),
      bad: () => session({ webauthnChallenge: "abc" }),
    },
    {
      constraint: "sessions_revoked_reason_check",
      ok: () => session({ revokedAt: new Date(), revokedReason: "second-factor-locked" }),
      bad: () => session({ revokedAt: new Date(), revokedReason: "bored" }),
    },
    {
      constraint: "user_totp_step_after_confirm",
      ok: () =>
        db()
          .insert(userTotp)
          .values({
            userId,
            secretCiphertext: sealSecret(userId, "JBSWY3DPEHPK3PXP"),
            confirmedAt: new Date(),
            lastUsedStep: 1,
          })
          .onConflictDoNothing(),
      bad: async () => {
        const other = await createUser("coordinator");
        return db()
          .insert(userTotp)
          .values({
            userId: other.id,
            secretCiphertext: sealSecret(other.id, "JBSWY3DPEHPK3PXP"),
            lastUsedStep: 1,
          });
      },
    },
    {
      constraint: "recovery_codes_used_together",
      ok: () =>
        db()
          .insert(recoveryCodes)
          .values({ userId, codeHash: HASH("b"), usedAt: new Date(), usedSessionId: sessionId }),
      bad: () =>
        db()
          .insert(recoveryCodes)
          .values({ userId, codeHash: HASH("c"), usedAt: new Date() }),
    },
    {
      constraint: "recovery_codes_user_hash_key",
      code: "23505",
      ok: () =>
        db()
          .insert(recoveryCodes)
          .values({ userId, codeHash: HASH("d") }),
      bad: () =>
        db()
          .insert(recoveryCodes)
          .values({ userId, codeHash: HASH("d") }),
    },
    {
      constraint: "webauthn_credentials_counter_check",
      ok: () => passkey({ counter: 0 }),
      bad: () => passkey({ counter: -1 }),
    },
    {
      constraint: "webauthn_credentials_device_type_check",
      ok: () => passkey({ deviceType: "singleDevice" }),
      bad: () => passkey({ deviceType: "cloud" as never }),
    },
    {
      constraint: "webauthn_credentials_name_length",
      ok: () => passkey({ name: "x".repeat(60) }),
      bad: () => passkey({ name: "" }),
    },
    {
      constraint: "webauthn_credentials_credential_id_key",
      code: "23505",
      ok: () => passkey({ credentialId: "same-credential" }),
      bad: () => passkey({ credentialId: "same-credential" }),
    },
    {
      constraint: "second_factor_throttle_count_check",
      ok: () => db().insert(secondFactorThrottle).values({ userId, failedCount: 0 }).onConflictDoNothing(),
      bad: async () => {
        const other = await createUser("coordinator");
        return db().insert(secondFactorThrottle).values({ userId: other.id, failedCount: -1 });
      },
    },
    {
      constraint: "user_identities_issuer_subject_key",
      code: "23505",
      ok: () =>
        db()
          .insert(userIdentities)
          .values({ userId, issuer: "https://idp-a.example", subject: "s1", emailAtLink: "a@x.example" }),
      bad: async () => {
        const other = await createUser("coordinator");
        return db().insert(userIdentities).values({
          userId: other.id,
          issuer: "https://idp-a.example",
          subject: "s1",
          emailAtLink: "b@x.example",
        });
      },
    },
    {
      constraint: "user_identities_user_issuer_key",
      code: "23505",
      ok: () =>
        db()
          .insert(userIdentities)
          .values({ userId, issuer: "https://idp-b.example", subject: "s1", emailAtLink: "a@x.example" }),
      bad: () =>
        db()
          .insert(userIdentities)
          .values({ userId, issuer: "https://idp-b.example", subject: "s2", emailAtLink: "a@x.example" }),
    },
    {
      constraint: "organisation_settings_provision_needs_role",
      ok: () =>
        db().update(organisationSettings).set({ ssoAutoProvision: true, ssoProvisionRole: "coordinator" }),
      bad: () => db().update(organisationSettings).set({ ssoAutoProvision: true, ssoProvisionRole: null }),
    },
    {
      constraint: "organisation_settings_provision_role_check",
      ok: () => db().update(organisationSettings).set({ ssoProvisionRole: "advocate" }),
      bad: () =>
        db()
          .update(organisationSettings)
          .set({ ssoProvisionRole: "admin" as never }),
    },
    {
      constraint: "organisation_settings_single_row",
      ok: () => db().update(organisationSettings).set({ ssoAutoProvision: false }),
      bad: () => db().execute(sql`insert into organisation_settings (id) values (false)`),
    },
  ])("$constraint accepts a row that keeps it and refuses one that breaks it", async (c) => {
    await c.ok();
    await expectDatabaseError(c.bad, { code: c.code ?? "23514", constraint: c.constraint });
  });

  it("the migration wrote the one settings row, requiring a second factor of staff", async () => {
    const rows = await db().select().from(organisationSettings);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(true);
    expect(rows[0]!.secondFactorRequiredForStaff).toBe(true);
  });
});
