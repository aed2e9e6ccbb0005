import { and, eq } from "drizzle-orm";
import { base64url, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import {
  auditEvents,
  organisationSettings,
  sessions,
  signInThrottle,
  userIdentities,
  users,
} from "@/db/schema";
import { auditRefusedCallback, completeSsoSignIn, SSO_REFUSED_PATH } from "@/lib/auth/oidc/callback";
import { DiscoveryRefused, discover, discoveryGuard } from "@/lib/auth/oidc/discovery";
import { IdTokenRefused, verifyIdToken } from "@/lib/auth/oidc/id-token";
import { type ProviderIdentity, signInWithIdentity } from "@/lib/auth/oidc/sign-in";
import { parseEnv } from "@/lib/env";
import { createUser } from "./support/factories";
import { CLIENT_ID, startTestIssuer, type TestIssuer } from "./support/oidc-issuer";

// The configured provider, pointed at the test issuer once it listens (the real one reads lib/env.ts).
const configured = vi.hoisted(() => ({ issuer: "" }));
vi.mock("@/lib/auth/oidc/provider", () => ({
  SSO_PROVIDER_ID: "oidc",
  oidcConfig: () => ({
    issuer: configured.issuer,
    clientId: "carebridge-test",
    clientSecret: "x",
    name: "Test",
  }),
}));

let op: TestIssuer;
beforeAll(async () => {
  op = await startTestIssuer();
  configured.issuer = op.issuer();
});
afterAll(() => op.close());

let address = 0;
const freshAddress = () => `10.77.${Math.floor(++address / 250)}.${address % 250}`;
const now = () => Math.floor(Date.now() / 1000);

/** What verifyIdToken expects of the test issuer's tokens. */
const expecting = (nonce?: string) => ({
  issuer: op.issuer(),
  clientId: CLIENT_ID,
  jwksUri: `${op.origin}/jwks`,
  nonce,
});
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: op.issuer(),
  aud: CLIENT_ID,
  sub: "subject-1",
  email: "someone@test.example",
  email_verified: true,
  ...extra,
});

async function refusedCheck(token: string, nonce?: string): Promise<string> {
  const error = await verifyIdToken(token, expecting(nonce)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdTokenRefused);
  return (error as IdTokenRefused).check;
}

describe("configuration", () => {
  const sso = { OIDC_CLIENT_ID: "carebridge", OIDC_CLIENT_SECRET: "secret" };
  it("takes an https issuer, or http on this machine only, and all three settings or none", () => {
    expect(parseEnv({ ...sso, OIDC_ISSUER: "https://login.example.org" }).OIDC_ISSUER).toBe(
      "https://login.example.org",
    );
    expect(parseEnv({ ...sso, OIDC_ISSUER: "http://127.0.0.1:3102" }).OIDC_ISSUER).toBe(
      "http://127.0.0.1:3102",
    );
    expect(() => parseEnv({ ...sso, OIDC_ISSUER: "http://login.example.org" })).toThrow(
      "OIDC_ISSUER must be https (http only on localhost)",
    );
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example.org" })).toThrow(
      "needs all three of OIDC_ISSUER",
    );
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
  });
});

describe("verifying an ID token ourselves", () => {
  it("accepts a token signed by the provider's key for us, in date, with the nonce sent", async () => {
    const token = await op.sign(claims({ nonce: "n-1", role: "admin" }));
    expect(await verifyIdToken(token, expecting("n-1"))).toEqual({
      subject: "subject-1",
      email: "someone@test.example",
      emailVerified: true,
      name: null,
    });
  });

  it("refuses another audience, an expired token, another issuer, a forged signature, a wrong nonce", async () => {
    expect(await refusedCheck(await op.sign(claims({ aud: "someone-else" })))).toBe("audience");
    expect(await refusedCheck(await op.sign(claims({ iat: now() - 900, exp: now() - 120 })))).toBe("expired");
    expect(await refusedCheck(await op.sign(claims({ iss: op.issuer("/other") })))).toBe("issuer");
    expect(await refusedCheck(await op.sign(claims(), { impostor: true }))).toBe("signature");
    expect(await refusedCheck(await op.sign(claims({ nonce: "n-1" })), "n-2")).toBe("nonce");
  });

  it("refuses an unsigned token (alg none) and one whose key id the provider never published", async () => {
    const unsigned = new UnsecuredJWT(claims()).setIssuedAt().setExpirationTime("5m").encode();
    expect(await refusedCheck(unsigned)).toBe("algorithm");
    // The same claims with a forged "alg": "RS256" header and no signature still fail.
    const [, payload] = unsigned.split(".");
    const header = base64url.encode(JSON.stringify({ alg: "RS256", kid: "test-key-1" }));
    expect(await refusedCheck(`${header}.${payload}.`)).toBe("signature");
    expect(await refusedCheck(await op.sign(claims(), { kid: "unknown-key" }))).toBe("signature");
  });

  it("refuses several audiences unless we are the authorised party, and reads only a JSON true as verified", async () => {
    const both = [CLIENT_ID, "another-client"];
    expect(await refusedCheck(await op.sign(claims({ aud: both })))).toBe("audience");
    const ours = await verifyIdToken(await op.sign(claims({ aud: both, azp: CLIENT_ID })), expecting());
    expect(ours.subject).toBe("subject-1");
    const stringly = await verifyIdToken(await op.sign(claims({ email_verified: "true" })), expecting());
    expect(stringly.emailVerified).toBe(false);
  });
});

describe("discovery", () => {
  it("takes a provider with PKCE S256 and refuses one without it", async () => {
    const good = await discover(op.issuer("/good"));
    expect(good).toMatchObject({
      issuer: op.issuer("/good"),
      jwksUri: `${op.origin}/jwks`,
      algorithms: ["RS256"],
    });
    op.document("/plain-pkce", { code_challenge_methods_supported: ["plain"] });
    op.document("/no-pkce", { code_challenge_methods_supported: undefined });
    for (const path of ["/plain-pkce", "/no-pkce"]) {
      await expect(discover(op.issuer(path))).rejects.toMatchObject({
        name: "DiscoveryRefused",
        problem: "pkce",
      });
    }
  });

  it("refuses a document naming another issuer, and ID tokens signed only with HS256", async () => {
    op.document("/impostor", { issuer: op.issuer("/someone-else") });
    await expect(discover(op.issuer("/impostor"))).rejects.toMatchObject({ problem: "issuer" });
    op.document("/hmac", { id_token_signing_alg_values_supported: ["HS256", "none"] });
    await expect(discover(op.issuer("/hmac"))).rejects.toMatchObject({ problem: "algorithms" });
  });

  it("answers Auth.js's discovery request with the checked document, and fails it for a refused provider", async () => {
    const guarded = discoveryGuard(op.issuer("/good"));
    const response = await guarded(`${op.issuer("/good")}/.well-known/openid-configuration`);
    expect(((await response.json()) as { issuer: string }).issuer).toBe(op.issuer("/good"));
    const refused = discoveryGuard(op.issuer("/plain-pkce"));
    await expect(
      refused(`${op.issuer("/plain-pkce")}/.well-known/openid-configuration`),
    ).rejects.toBeInstanceOf(DiscoveryRefused);
  });
});

const ISSUER = "https://idp.test.example";

function identity(overrides: Partial<ProviderIdentity>): ProviderIdentity {
  return {
    issuer: ISSUER,
    subject: `sub-${crypto.randomUUID()}`,
    email: null,
    emailVerified: true,
    ipAddress: freshAddress(),
    ...overrides,
  };
}

async function refusals(ipAddress: string) {
  const rows = await db()
    .select({ details: auditEvents.details, entityId: auditEvents.entityId })
    .from(auditEvents)
    .where(and(eq(auditEvents.ipAddress, ipAddress), eq(auditEvents.action, "auth.sso-sign-in-failed")));
  return rows;
}

describe("signing in with the provider's identity", () => {
  it("links an admin-made staff account by verified email and opens a complete 'sso' session with its own role", async () => {
    const user = await createUser("coordinator");
    const input = identity({ email: user.email.toUpperCase() });
    const result = await signInWithIdentity(input);
    expect(result).toEqual({ ok: true, sessionId: expect.any(String), userId: user.id, role: "coordinator" });
    if (!result.ok) return;
    const [row] = await db().select().from(sessions).where(eq(sessions.id, result.sessionId));
    expect(row).toMatchObject({
      authMethod: "sso",
      stage: "full",
      secondFactorMethod: "sso",
      role: "coordinator",
    });
    expect(row!.secondFactorAt).toBeInstanceOf(Date);
    const [link] = await db().select().from(userIdentities).where(eq(userIdentities.subject, input.subject));
    expect(link).toMatchObject({ userId: user.id, issuer: ISSUER, emailAtLink: user.email });
    const actions = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.ipAddress, input.ipAddress));
    expect(actions.map((a) => a.action).sort()).toEqual(["auth.sso-sign-in", "user.sso-link"]);
  });

  it("finds a linked account by issuer and subject even after the provider's email changed", async () => {
    const user = await createUser("advocate");
    const first = identity({ email: user.email });
    expect((await signInWithIdentity(first)).ok).toBe(true);
    const again = await signInWithIdentity({
      ...first,
      email: "renamed@elsewhere.example",
      ipAddress: freshAddress(),
    });
    expect(again).toMatchObject({ ok: true, userId: user.id });
  });

  it("refuses a second subject for an email already linked to another (identity-conflict)", async () => {
    const user = await createUser("coordinator");
    expect((await signInWithIdentity(identity({ email: user.email }))).ok).toBe(true);
    const other = identity({ email: user.email });
    expect(await signInWithIdentity(other)).toEqual({ ok: false, reason: "identity-conflict" });
    expect(await refusals(other.ipAddress)).toEqual([
      { details: { reason: "identity-conflict" }, entityId: user.id },
    ]);
  });

  it("two first sign-ins at once: both in for one subject; one of two subjects refused", async () => {
    const user = await createUser("coordinator");
    const same = identity({ email: user.email });
    const both = await Promise.all([
      signInWithIdentity(same),
      signInWithIdentity({ ...same, ipAddress: freshAddress() }),
    ]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    const other = await createUser("advocate");
    const rivals = await Promise.all([
      signInWithIdentity(identity({ email: other.email })),
      signInWithIdentity(identity({ email: other.email })),
    ]);
    expect(rivals.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["identity-conflict", "ok"]);
    expect(await db().select().from(userIdentities).where(eq(userIdentities.userId, other.id))).toHaveLength(
      1,
    );
  });

  it("refuses an unknown email, and makes no account", async () => {
    const input = identity({ email: "nobody-at-all@test.example" });
    expect(await signInWithIdentity(input)).toEqual({ ok: false, reason: "unknown-email" });
    expect(await db().select().from(users).where(eq(users.email, "nobody-at-all@test.example"))).toEqual([]);
    expect(await refusals(input.ipAddress)).toEqual([
      { details: { reason: "unknown-email" }, entityId: null },
    ]);
  });

  it("with auto-provisioning on, makes the account with the organisation's role", async () => {
    await db().update(organisationSettings).set({ ssoAutoProvision: true, ssoProvisionRole: "advocate" });
    try {
      const input = identity({ email: "Newcomer@Test.example", name: "New Comer" });
      const result = await signInWithIdentity(input);
      expect(result).toMatchObject({ ok: true, role: "advocate" });
      const [made] = await db().select().from(users).where(eq(users.email, "newcomer@test.example"));
      expect(made).toMatchObject({ role: "advocate", name: "New Comer", active: true });
    } finally {
      await db().update(organisationSettings).set({ ssoAutoProvision: false, ssoProvisionRole: null });
    }
  });

  it("refuses a deactivated account that signed in before", async () => {
    const user = await createUser("coordinator");
    const input = identity({ email: user.email });
    expect((await signInWithIdentity(input)).ok).toBe(true);
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    const later = { ...input, ipAddress: freshAddress() };
    expect(await signInWithIdentity(later)).toEqual({ ok: false, reason: "inactive" });
    expect(await refusals(later.ipAddress)).toEqual([{ details: { reason: "inactive" }, entityId: user.id }]);
  });

  it("refuses patient and family accounts, an unverified email, and a locked email", async () => {
    for (const role of ["patient", "family"] as const) {
      const user = await createUser(role);
      const input = identity({ email: user.email });
      expect(await signInWithIdentity(input)).toEqual({ ok: false, reason: "not-staff" });
      expect(await refusals(input.ipAddress)).toEqual([
        { details: { reason: "not-staff" }, entityId: user.id },
      ]);
    }
    const staff = await createUser("advocate");
    const unverified = identity({ email: staff.email, emailVerified: false });
    expect(await signInWithIdentity(unverified)).toEqual({ ok: false, reason: "unverified-email" });
    expect(await refusals(unverified.ipAddress)).toEqual([
      { details: { reason: "unverified-email" }, entityId: null },
    ]);
    await db()
      .insert(signInThrottle)
      .values({ email: staff.email, failedCount: 0, lockedUntil: new Date(Date.now() + 600_000) });
    const locked = identity({ email: staff.email });
    expect(await signInWithIdentity(locked)).toEqual({ ok: false, reason: "locked" });
    expect(await refusals(locked.ipAddress)).toEqual([{ details: { reason: "locked" }, entityId: staff.id }]);
    expect(await db().select().from(userIdentities).where(eq(userIdentities.userId, staff.id))).toEqual([]);
  });
});

describe("the Auth.js callbacks", () => {
  it("signs in with a verified token, its admin role claim ignored, and refuses a forged one", async () => {
    const staff = await createUser("coordinator");
    const user: { id?: string; sid?: string } = {};
    const good = await op.sign(claims({ sub: `s-${staff.id}`, email: staff.email, role: "admin" }));
    expect(await completeSsoSignIn(user, account(good), freshAddress())).toBe(true);
    expect(user.id).toBe(staff.id);
    const [row] = await db().select().from(sessions).where(eq(sessions.id, user.sid!));
    expect(row).toMatchObject({ userId: staff.id, role: "coordinator", authMethod: "sso" });

    const forged = await op.sign(claims({ sub: `s-${staff.id}`, email: staff.email }), { impostor: true });
    const ip = freshAddress();
    const other: { id?: string; sid?: string } = {};
    expect(await completeSsoSignIn(other, account(forged), ip)).toBe(SSO_REFUSED_PATH);
    expect(other.sid).toBeUndefined();
    expect(await refusals(ip)).toEqual([
      { details: { reason: "invalid-id-token", check: "signature" }, entityId: null },
    ]);
  });

  it("audits a callback Auth.js turned away, by address, and nothing else", async () => {
    const ip = freshAddress();
    const request = new Request("http://127.0.0.1:3100/api/auth/callback/oidc?code=x&state=y", {
      headers: { "x-carebridge-peer": ip },
    });
    await auditRefusedCallback(
      request,
      Response.redirect("http://127.0.0.1:3100/login?error=Configuration", 302),
    );
    await auditRefusedCallback(request, Response.redirect("http://127.0.0.1:3100/dashboard", 302));
    const signIn = new Request("http://127.0.0.1:3100/api/auth/callback/credentials", {
      headers: { "x-carebridge-peer": ip },
    });
    await auditRefusedCallback(
      signIn,
      Response.redirect("http://127.0.0.1:3100/login?error=CredentialsSignin", 302),
    );
    expect(await refusals(ip)).toEqual([
      { details: { reason: "callback-error", check: "Configuration" }, entityId: null },
    ]);
  });
});

function account(idToken: string) {
  return { provider: "oidc", type: "oidc" as const, providerAccountId: "x", id_token: idToken };
}
