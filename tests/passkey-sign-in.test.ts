import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { authenticate } from "@/lib/auth/credentials";
import { removePasskey } from "@/lib/auth/second-factor/enrolment";
import { passkeyAuthenticationOptions } from "@/lib/auth/second-factor/passkeys";
import { proveWithCode, proveWithPasskey } from "@/lib/auth/second-factor/prove";
import { validateSession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { auditTrail } from "./support/audit-trail";
import { TEST_PASSWORD } from "./support/factories";
import {
  answer,
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

// Proving a passkey after the password, and removing one. Read by env() on its first call.
process.env.WEBAUTHN_ORIGINS = ORIGIN;

const refused = { ok: false, reason: "invalid" };
const counterOf = async (userId: string) => (await storedPasskeys(userId))[0]!.counter;

describe("signing in with a passkey", () => {
  it("after a passkey a password owes it; a right answer proves the session and moves the counter on", async () => {
    const { user, key } = await withPasskey();
    const pending = await signIn(user, "second-factor");
    const options = await passkeyAuthenticationOptions(pending);
    expect(options.rpId).toBe(RP_ID);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    expect((await sessionRow(pending.sessionId)).webauthnChallenge).toBe(options.challenge);
    expect(
      await proveWithPasskey(
        pending,
        "sign-in",
        key.authenticate({ challenge: options.challenge, origin: ORIGIN, rpID: RP_ID }),
      ),
    ).toEqual({ ok: true });
    expect(await counterOf(user.id)).toBe(1);
    expect((await storedPasskeys(user.id))[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(await sessionRow(pending.sessionId)).toMatchObject({
      stage: "full",
      secondFactorMethod: "webauthn",
    });
    const [event] = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, pending.sessionId), eq(auditEvents.action, "auth.second-factor")));
    expect(event!.details).toEqual({ method: "webauthn" });
  });

  const lies: [string, Partial<Ceremony>][] = [
    ["another origin", { origin: "https://evil.example" }],
    ["another relying party's hash", { rpID: "evil.example" }],
    ["a challenge the session was not given", { challenge: randomBytes(32).toString("base64url") }],
    ["a registration's answer", { type: "webauthn.create" }],
  ];
  it.each(lies)("refuses %s; the honest answer next proves (control)", async (_, lie) => {
    const { user, key } = await withPasskey();
    const pending = await signIn(user, "second-factor");
    expect(await proveWithPasskey(pending, "sign-in", await answer(pending, key, lie))).toEqual(refused);
    expect((await sessionRow(pending.sessionId)).stage).toBe("second-factor");
    expect(await counterOf(user.id)).toBe(0);
    expect(await proveWithPasskey(pending, "sign-in", await answer(pending, key))).toEqual({ ok: true });
  });

  it("refuses a replayed answer, on the same session or another; a new answer is accepted (control)", async () => {
    const { user, key } = await withPasskey();
    const first = await signIn(user, "second-factor");
    const right = await answer(first, key);
    expect(await proveWithPasskey(first, "sign-in", right)).toEqual({ ok: true });
    expect(await proveWithPasskey(first, "step-up", right)).toEqual(refused);
    const second = await signIn(user, "second-factor");
    await passkeyAuthenticationOptions(second);
    expect(await proveWithPasskey(second, "sign-in", right)).toEqual(refused);
    expect((await sessionRow(second.sessionId)).stage).toBe("second-factor");
    expect(await proveWithPasskey(second, "sign-in", await answer(second, key))).toEqual({ ok: true });
  });

  it("refuses an answer signed by another key, and another person's key; each owner's own works (control)", async () => {
    const a = await withPasskey();
    const b = await withPasskey();
    const pendingA = await signIn(a.user, "second-factor");
    const forged = await answer(pendingA, a.key, { signer: softPasskey() });
    expect(await proveWithPasskey(pendingA, "sign-in", forged)).toEqual(refused);
    expect(await proveWithPasskey(pendingA, "sign-in", await answer(pendingA, b.key))).toEqual(refused);
    expect((await sessionRow(pendingA.sessionId)).stage).toBe("second-factor");
    expect(await counterOf(b.user.id)).toBe(0);
    expect(await proveWithPasskey(pendingA, "sign-in", await answer(pendingA, a.key))).toEqual({ ok: true });
    const pendingB = await signIn(b.user, "second-factor");
    expect(await proveWithPasskey(pendingB, "sign-in", await answer(pendingB, b.key))).toEqual({ ok: true });
  });

  it("refuses a counter that does not move on (the library's clone check); a key that never counts is fine", async () => {
    const { user, key } = await withPasskey(softPasskey({ counter: 5 }));
    expect(await counterOf(user.id)).toBe(5);
    const pending = await signIn(user, "second-factor");
    for (const counter of [5, 3, 0]) {
      expect(
        await proveWithPasskey(pending, "sign-in", await answer(pending, key, { counter })),
        `${counter}`,
      ).toEqual(refused);
    }
    expect(await counterOf(user.id)).toBe(5);
    expect(await proveWithPasskey(pending, "sign-in", await answer(pending, key, { counter: 6 }))).toEqual({
      ok: true,
    });
    expect(await counterOf(user.id)).toBe(6);

    // Zero on both sides means the authenticator keeps no count (many synced passkeys).
    const still = await withPasskey();
    for (let round = 0; round < 2; round++) {
      const again = await signIn(still.user, "second-factor");
      expect(
        await proveWithPasskey(again, "sign-in", await answer(again, still.key, { counter: 0 })),
      ).toEqual({ ok: true });
    }
  });
});

describe("wrong passkey answers count toward the lock codes use", () => {
  const wrongPasskey = async (actor: Actor, key: ReturnType<typeof softPasskey>) =>
    proveWithPasskey(actor, "sign-in", await answer(actor, key, { signer: softPasskey() }));
  const wrongCode = (actor: Actor) =>
    proveWithCode(actor, "sign-in", { method: "recovery", code: "AAAAA-AAAAA" });

  it("four wrong (passkeys and codes together) then a right passkey start the count again", async () => {
    const { user, key } = await withPasskey();
    for (let round = 0; round < 2; round++) {
      const pending = await signIn(user, "second-factor");
      expect(await wrongPasskey(pending, key)).toEqual(refused);
      expect(await wrongCode(pending)).toEqual(refused);
      expect(await wrongPasskey(pending, key)).toEqual(refused);
      expect(await wrongCode(pending)).toEqual(refused);
      expect(await proveWithPasskey(pending, "sign-in", await answer(pending, key))).toEqual({ ok: true });
    }
  });

  it("the fifth wrong answer locks the account and ends the session; then even the right passkey is refused", async () => {
    const { user, key } = await withPasskey();
    const pending = await signIn(user, "second-factor");
    // Another sign-in, its right answer ready before the lock: the lock refuses it all the same.
    const other = await signIn(user, "second-factor");
    const right = await answer(other, key);
    for (let i = 0; i < 2; i++) expect(await wrongCode(pending)).toEqual(refused);
    for (let i = 0; i < 2; i++) expect(await wrongPasskey(pending, key)).toEqual(refused);
    expect(await wrongPasskey(pending, key)).toEqual({ ok: false, reason: "locked" });
    expect(await validateSession(pending.sessionId)).toEqual({ ok: false, reason: "second-factor-locked" });
    expect(await proveWithPasskey(other, "sign-in", right)).toEqual({ ok: false, reason: "locked" });
    expect((await sessionRow(other.sessionId)).stage).toBe("second-factor");
    expect(
      await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.9.250.1" }),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await auditTrail(user.id, "auth.second-factor-lockout")).toHaveLength(1);
    expect((await auditTrail(user.id, "auth.second-factor-failed")).at(-1)!.details).toEqual({
      method: "webauthn",
      reason: "locked",
    });
  });
});

describe("removing a passkey", () => {
  it("removes only one's own; the last factor takes the recovery codes with it; each removal audited", async () => {
    const a = await withPasskey();
    expect((await register(a.actor, softPasskey(), {}, "Phone")).ok).toBe(true);
    const [first, second] = await storedPasskeys(a.user.id);
    const b = await withPasskey();

    expect(await removePasskey(b.actor, first!.id)).toBe(false);
    expect(await storedPasskeys(a.user.id)).toHaveLength(2);
    expect(await storedPasskeys(b.user.id)).toHaveLength(1);
    expect(await auditTrail(b.user.id, "user.second-factor-remove")).toEqual([]);

    expect(await removePasskey(a.actor, first!.id)).toBe(true);
    expect(await removePasskey(a.actor, first!.id)).toBe(false);
    expect((await storedPasskeys(a.user.id)).map((r) => r.id)).toEqual([second!.id]);
    expect(await recoveryCodesOf(a.user.id)).toHaveLength(10);

    expect(await removePasskey(a.actor, second!.id)).toBe(true);
    expect(await recoveryCodesOf(a.user.id)).toEqual([]);
    expect(await recoveryCodesOf(b.user.id)).toHaveLength(10);
    expect((await auditTrail(a.user.id, "user.second-factor-remove")).map((e) => e.details)).toEqual([
      { method: "webauthn" },
      { method: "webauthn" },
    ]);
    await signIn(a.user, "enrol");
  });
});
