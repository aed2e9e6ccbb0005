import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { sessions, webauthnCredentials } from "@/db/schema";
import { registerPasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyRegistrationOptions, registerPasskey } from "@/lib/auth/second-factor/passkeys";
import { stepUpDueFor } from "@/lib/auth/step-up";
import { SECURITY_WORDS } from "@/lib/i18n/security";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { createUser } from "./support/factories";
import {
  at,
  ORIGIN,
  RP_ID,
  recoveryCodesOf,
  register,
  sessionRow,
  signIn,
  storedPasskeys,
  withPasskey,
} from "./support/passkey-sessions";
import { type Ceremony, softPasskey } from "./support/soft-authenticator";

// Adding a passkey (registration). Read by env() on its first call, after this file is loaded.
process.env.WEBAUTHN_ORIGINS = ORIGIN;
const w = SECURITY_WORDS.en;

describe("adding a passkey", () => {
  it("asks with the session's challenge and the person's id, excluding the keys they have", async () => {
    const user = await createUser("coordinator");
    const actor = await signIn(user, "enrol");
    const options = await passkeyRegistrationOptions(actor);
    const row = await sessionRow(actor.sessionId);
    expect(row.webauthnChallenge).toBe(options.challenge);
    const seconds = (row.webauthnChallengeExpiresAt!.getTime() - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(290);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(options.rp.id).toBe(RP_ID);
    expect(options.user.id).toBe(Buffer.from(user.id.replaceAll("-", ""), "hex").toString("base64url"));
    expect(options.user.name).toBe(user.email);
    expect(options.excludeCredentials).toEqual([]);

    const key = softPasskey();
    expect((await registerPasskey(actor, key.register(at(options.challenge)), "Laptop")).ok).toBe(true);
    const again = await passkeyRegistrationOptions(actor);
    expect(again.challenge).not.toBe(options.challenge);
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([key.id]);
    // Someone else's options name none of this person's keys.
    const other = await signIn(await createUser("advocate"), "enrol");
    expect((await passkeyRegistrationOptions(other)).excludeCredentials).toEqual([]);
  });

  it("keeps a correct attestation, proves the session, and the first factor brings ten codes once", async () => {
    const user = await createUser("coordinator");
    const actor = await signIn(user, "enrol");
    const key = softPasskey({ counter: 7 });
    const first = await register(actor, key);
    expect(first.ok && first.recoveryCodes).toHaveLength(10);
    const [row] = await storedPasskeys(user.id);
    expect(row).toMatchObject({
      credentialId: key.id,
      counter: 7,
      deviceType: "singleDevice",
      backedUp: false,
      transports: ["internal"],
      name: "Work laptop",
      lastUsedAt: null,
    });
    expect(Buffer.compare(row!.publicKey, Buffer.from(key.publicKey))).toBe(0);
    const session = await sessionRow(actor.sessionId);
    expect(session).toMatchObject({ stage: "full", secondFactorMethod: "webauthn", webauthnChallenge: null });
    expect(session.secondFactorAt).toBeInstanceOf(Date);
    const codes = await recoveryCodesOf(user.id);
    expect(codes).toHaveLength(10);

    const synced = softPasskey({ synced: true });
    expect(await register(actor, synced, {}, "Phone")).toEqual({ ok: true, recoveryCodes: null });
    expect((await storedPasskeys(user.id)).find((r) => r.credentialId === synced.id)).toMatchObject({
      deviceType: "multiDevice",
      backedUp: true,
    });
    expect((await recoveryCodesOf(user.id)).map((c) => c.codeHash).sort()).toEqual(
      codes.map((c) => c.codeHash).sort(),
    );
    expect((await auditTrail(user.id, "user.second-factor-enrol")).map((e) => e.details)).toEqual([
      { method: "webauthn", recoveryCodes: 10 },
      { method: "webauthn", recoveryCodes: 0 },
    ]);
  });
});

describe("refused registrations", () => {
  const lies: [string, Partial<Ceremony>][] = [
    ["another port of the same host", { origin: "http://localhost:3001" }],
    ["another site", { origin: "https://evil.example" }],
    ["another relying party's hash", { rpID: "evil.example" }],
    ["a challenge the session was not given", { challenge: randomBytes(32).toString("base64url") }],
    ["a sign-in answer for a registration", { type: "webauthn.get" }],
  ];
  it.each(lies)("refuses %s and stores nothing; the honest answer next is kept (control)", async (_, lie) => {
    const user = await createUser("coordinator");
    const actor = await signIn(user, "enrol");
    const key = softPasskey();
    expect(await register(actor, key, lie)).toEqual({ ok: false });
    expect(await storedPasskeys(user.id)).toEqual([]);
    expect(await recoveryCodesOf(user.id)).toEqual([]);
    expect((await sessionRow(actor.sessionId)).stage).toBe("enrol");
    expect(await auditTrail(user.id, "user.second-factor-enrol")).toEqual([]);
    expect((await register(actor, key)).ok).toBe(true);
    expect(await storedPasskeys(user.id)).toHaveLength(1);
  });

  it("takes a challenge once: the same answer twice, or a wrong answer then the right one, keeps nothing more", async () => {
    const user = await createUser("coordinator");
    const actor = await signIn(user, "enrol");
    const key = softPasskey();
    const options = await passkeyRegistrationOptions(actor);
    const right = key.register(at(options.challenge));
    expect((await registerPasskey(actor, right, "Laptop")).ok).toBe(true);
    expect(await registerPasskey(actor, right, "Laptop")).toEqual({ ok: false });
    expect(await storedPasskeys(user.id)).toHaveLength(1);

    const second = softPasskey();
    const next = await passkeyRegistrationOptions(actor);
    const wrong = second.register(at(next.challenge, { origin: "https://evil.example" }));
    expect(await registerPasskey(actor, wrong, "Key")).toEqual({ ok: false });
    expect(await registerPasskey(actor, second.register(at(next.challenge)), "Key")).toEqual({ ok: false });
    expect(await storedPasskeys(user.id)).toHaveLength(1);
    expect((await register(actor, second)).ok).toBe(true);
    expect(await storedPasskeys(user.id)).toHaveLength(2);
  });

  it("refuses an answer to a challenge past its five minutes, and clears it", async () => {
    const user = await createUser("coordinator");
    const actor = await signIn(user, "enrol");
    const key = softPasskey();
    const options = await passkeyRegistrationOptions(actor);
    await db()
      .update(sessions)
      .set({ webauthnChallengeExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.id, actor.sessionId));
    expect(await registerPasskey(actor, key.register(at(options.challenge)), "Laptop")).toEqual({
      ok: false,
    });
    expect((await sessionRow(actor.sessionId)).webauthnChallenge).toBeNull();
    expect(await storedPasskeys(user.id)).toEqual([]);
    expect((await register(actor, key)).ok).toBe(true);
  });

  it("answers a malformed browser answer, or no name, with a message and stores nothing", async () => {
    const user = await createUser("patient");
    const actor = await signIn(user, "full");
    const key = softPasskey();
    const good = () => passkeyRegistrationOptions(actor).then((o) => key.register(at(o.challenge)));
    const right = await good();
    const malformed: unknown[] = [
      null,
      "a passkey",
      { ...right, type: "password" },
      { ...right, id: `${right.id}=` },
      { ...right, response: { clientDataJSON: right.response.clientDataJSON } },
      { ...right, response: { ...right.response, attestationObject: "not base64url!" } },
    ];
    for (const response of malformed) {
      expect(await registerPasskeyAnswer(actor, response, "Laptop", w)).toEqual({ message: w.passkeyFailed });
    }
    expect(await registerPasskeyAnswer(actor, await good(), "  ", w)).toEqual({
      message: w.passkeyNameNeeded,
    });
    expect(await storedPasskeys(user.id)).toEqual([]);
    const kept = await registerPasskeyAnswer(actor, await good(), " Laptop ", w);
    expect(kept.recoveryCodes).toHaveLength(10);
    expect((await storedPasskeys(user.id)).map((r) => r.name)).toEqual(["Laptop"]);
  });

  it("a credential id someone already has is refused, as the database's unique key would", async () => {
    const { user, key } = await withPasskey();
    const thief = await signIn(await createUser("coordinator"), "enrol");
    const copy = softPasskey({ id: Buffer.from(key.id, "base64url") });
    expect(await register(thief, copy)).toEqual({ ok: false });
    // The key itself, beneath the check: the same id inserted straight is refused (23505).
    await expectDatabaseError(
      db()
        .insert(webauthnCredentials)
        .values({
          userId: thief.userId,
          credentialId: key.id,
          publicKey: Buffer.from([1]),
          deviceType: "singleDevice",
          backedUp: false,
          name: "Copy",
        }),
      { code: "23505", constraint: "webauthn_credentials_credential_id_key" },
    );
    expect(await storedPasskeys(thief.userId)).toEqual([]);
    expect((await storedPasskeys(user.id)).map((r) => r.credentialId)).toEqual([key.id]);
    expect((await register(thief, softPasskey())).ok).toBe(true);
  });
});

describe("adding a factor to a complete session", () => {
  it("does not count as proving it: a session past its step-up time stays past it", async () => {
    const { actor } = await withPasskey();
    await db()
      .update(sessions)
      .set({ secondFactorAt: sql`now() - interval '20 minutes'` })
      .where(eq(sessions.id, actor.sessionId));
    expect(await stepUpDueFor(actor, (await sessionRow(actor.sessionId))!.secondFactorAt)).toBe(true);
    // The domain call alone (the action asks for the step-up first): the key is kept...
    expect((await register(actor, softPasskey(), {}, "Spare key")).ok).toBe(true);
    // ...and the session is no fresher than before.
    const row = await sessionRow(actor.sessionId);
    expect(Date.now() - row!.secondFactorAt!.getTime()).toBeGreaterThan(19 * 60 * 1000);
    expect(await stepUpDueFor(actor, row!.secondFactorAt)).toBe(true);
  });
});
