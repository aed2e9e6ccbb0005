import { and, eq, sql } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  auditEvents,
  organisationSettings,
  recoveryCodes,
  sessions,
  signInThrottle,
  userTotp,
} from "@/db/schema";
import { authenticate } from "@/lib/auth/credentials";
import {
  finishTotpEnrolment,
  removeAuthenticator,
  resetSecondFactor,
  startTotpEnrolment,
} from "@/lib/auth/second-factor/enrolment";
import { proveWithCode } from "@/lib/auth/second-factor/prove";
import { openSecret, sealSecret } from "@/lib/auth/second-factor/secret-box";
import { validateSession } from "@/lib/auth/sessions";
import { stepUpDueFor } from "@/lib/auth/step-up";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError } from "@/lib/errors";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, createUser, TEST_PASSWORD } from "./support/factories";

let address = 0;
const freshAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`;
const NOW = Math.floor(Date.now() / 1000);
// The middle of a 30-second step, so that ±30 s lands in the next and previous steps.
const T0 = NOW - (NOW % 30) + 15;

/** A user who signed in with a password and enrolled an app at T0; returns the actor and the secret. */
async function enrolled(role: "coordinator" | "patient" = "coordinator") {
  const user = await createUser(role);
  const signedIn = await authenticate({
    email: user.email,
    password: TEST_PASSWORD,
    ipAddress: freshAddress(),
  });
  if (!signedIn.ok) throw new Error("sign-in failed");
  const actor: Actor = { ...actorFor(user), sessionId: signedIn.sessionId };
  await startTotpEnrolment(actor);
  const [row] = await db().select().from(userTotp).where(eq(userTotp.userId, user.id));
  const secret = openSecret(user.id, row!.secretCiphertext)!;
  const done = await finishTotpEnrolment(actor, await generate({ secret, epoch: T0 - 60 }), T0 - 60);
  if (!done.ok) throw new Error("enrolment failed");
  return { user, actor, secret, codes: done.recoveryCodes! };
}

/** A new password sign-in for the same person: a session that owes the second factor. */
async function signInAgain(actor: Actor): Promise<Actor> {
  const again = await authenticate({
    email: actor.email,
    password: TEST_PASSWORD,
    ipAddress: freshAddress(),
  });
  if (!again.ok) throw new Error(`sign-in refused: ${again.reason}`);
  expect(again.stage).toBe("second-factor");
  return { ...actor, sessionId: again.sessionId };
}

describe("how far a password gets", () => {
  it("staff must enrol while the organisation requires it; patients are in; the demo switch lets staff in", async () => {
    const coordinator = await createUser("coordinator");
    const patient = await createUser("patient");
    const staff = await authenticate({
      email: coordinator.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    const portal = await authenticate({
      email: patient.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    expect(staff.ok && staff.stage).toBe("enrol");
    expect(portal.ok && portal.stage).toBe("full");
    if (!staff.ok) return;
    const check = await validateSession(staff.sessionId);
    expect(check.ok && check.session.stage).toBe("enrol");

    await db().update(organisationSettings).set({ secondFactorRequiredForStaff: false });
    try {
      const off = await authenticate({
        email: coordinator.email,
        password: TEST_PASSWORD,
        ipAddress: freshAddress(),
      });
      expect(off.ok && off.stage).toBe("full");
    } finally {
      await db().update(organisationSettings).set({ secondFactorRequiredForStaff: true });
    }
  });

  it("anyone with an app must prove it, and a partial session lasts ten minutes until they do", async () => {
    const { actor } = await enrolled("patient");
    const pending = await signInAgain(actor);
    const [row] = await db()
      .select({ left: sql<number>`extract(epoch from ${sessions.expiresAt} - now())::int` })
      .from(sessions)
      .where(eq(sessions.id, pending.sessionId!));
    expect(row!.left).toBeGreaterThan(590);
    expect(row!.left).toBeLessThanOrEqual(600);
  });
});

describe("authenticator codes", () => {
  it("accepts the previous, current and next step, and refuses two steps away", async () => {
    const { actor, secret } = await enrolled();
    for (const offset of [-30, 0, 30]) {
      const pending = await signInAgain(actor);
      const code = await generate({ secret, epoch: T0 + offset * 2 + 120 });
      const result = await proveWithCode(
        pending,
        "sign-in",
        { method: "totp", code },
        T0 + offset + 120 + offset,
      );
      expect(result, `offset ${offset}`).toEqual({ ok: true });
    }
    const pending = await signInAgain(actor);
    for (const offset of [-60, 60]) {
      const code = await generate({ secret, epoch: T0 + 600 + offset });
      expect(await proveWithCode(pending, "sign-in", { method: "totp", code }, T0 + 600)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it("accepts a code once: the same code again, or twice at once, succeeds once", async () => {
    const { actor, secret } = await enrolled();
    const epoch = T0 + 900;
    const code = await generate({ secret, epoch });
    const first = await signInAgain(actor);
    expect(await proveWithCode(first, "sign-in", { method: "totp", code }, epoch)).toEqual({ ok: true });
    const replay = await signInAgain(actor);
    expect(await proveWithCode(replay, "sign-in", { method: "totp", code }, epoch)).toEqual({
      ok: false,
      reason: "invalid",
    });

    const later = await generate({ secret, epoch: epoch + 60 });
    const [a, b] = [await signInAgain(actor), await signInAgain(actor)];
    const results = await Promise.all([
      proveWithCode(a, "sign-in", { method: "totp", code: later }, epoch + 60),
      proveWithCode(b, "sign-in", { method: "totp", code: later }, epoch + 60),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses malformed codes without throwing, and a proven session is full with its method", async () => {
    const { actor, secret } = await enrolled();
    const pending = await signInAgain(actor);
    // Four: the fifth wrong code would lock the account.
    for (const code of ["12345", "1234567", "abcdef", "12 34 5x"]) {
      expect(await proveWithCode(pending, "sign-in", { method: "totp", code }, T0 + 1200)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const code = await generate({ secret, epoch: T0 + 1200 });
    expect(
      await proveWithCode(
        pending,
        "sign-in",
        { method: "totp", code: `${code.slice(0, 3)} ${code.slice(3)}` },
        T0 + 1200,
      ),
    ).toEqual({ ok: true });
    const check = await validateSession(pending.sessionId!);
    expect(check.ok && check.session.stage).toBe("full");
    expect(check.ok && check.session.secondFactorAt).toBeInstanceOf(Date);
  });

  it("keeps the secret encrypted and bound to its user", async () => {
    const { user, secret } = await enrolled();
    const [row] = await db().select().from(userTotp).where(eq(userTotp.userId, user.id));
    expect(row!.secretCiphertext).not.toContain(secret);
    expect(openSecret(user.id, row!.secretCiphertext)).toBe(secret);
    const other = await createUser("advocate");
    expect(openSecret(other.id, row!.secretCiphertext)).toBeNull();
    expect(openSecret(user.id, sealSecret(other.id, secret))).toBeNull();
  });
});

describe("recovery codes", () => {
  it("gives ten, stores only hashes, and each works once, as typed in any case", async () => {
    const { user, actor, codes } = await enrolled();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.codeHash) && !codes.includes(r.codeHash))).toBe(true);

    const first = await signInAgain(actor);
    const typed = codes[0]!.toLowerCase().replace("-", " ");
    expect(await proveWithCode(first, "sign-in", { method: "recovery", code: typed })).toEqual({ ok: true });
    const again = await signInAgain(actor);
    expect(await proveWithCode(again, "sign-in", { method: "recovery", code: codes[0]! })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await proveWithCode(again, "sign-in", { method: "recovery", code: codes[1]! })).toEqual({
      ok: true,
    });
  });
});

describe("wrong codes lock the account", () => {
  it("five wrong codes lock it, end the session, and the right password is refused after", async () => {
    const { actor } = await enrolled();
    const pending = await signInAgain(actor);
    for (let i = 0; i < 4; i++) {
      expect(await proveWithCode(pending, "sign-in", { method: "totp", code: "000000" })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await proveWithCode(pending, "sign-in", { method: "totp", code: "000000" })).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await validateSession(pending.sessionId!)).toEqual({ ok: false, reason: "second-factor-locked" });
    const [lock] = await db().select().from(signInThrottle).where(eq(signInThrottle.email, actor.email));
    expect(lock!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(
      await authenticate({ email: actor.email, password: TEST_PASSWORD, ipAddress: freshAddress() }),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
    const trail = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, actor.userId), eq(auditEvents.action, "auth.second-factor-lockout")),
      );
    expect(trail).toHaveLength(1);
  });

  it("four wrong codes and a right one start the count again (control)", async () => {
    const { actor, secret } = await enrolled();
    for (let round = 0; round < 2; round++) {
      const pending = await signInAgain(actor);
      for (let i = 0; i < 4; i++) await proveWithCode(pending, "sign-in", { method: "totp", code: "000000" });
      const epoch = T0 + 1800 + round * 60;
      const code = await generate({ secret, epoch });
      expect(await proveWithCode(pending, "sign-in", { method: "totp", code }, epoch)).toEqual({ ok: true });
    }
  });
});

describe("an admin resets a second factor", () => {
  it("clears the app and codes, ends every session of the person, and is audited", async () => {
    const { user, actor } = await enrolled();
    const admin = { ...actorFor(await createUser("admin")), sessionId: null };
    await resetSecondFactor(admin, user.id);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, user.id))).toHaveLength(0);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    expect(await validateSession(actor.sessionId!)).toEqual({ ok: false, reason: "second-factor-reset" });
    const next = await authenticate({
      email: user.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    expect(next.ok && next.stage).toBe("enrol");
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "user.second-factor-reset")));
    expect(event!.actorUserId).toBe(admin.userId);
  });

  it("is refused to anyone else, as a 404, with the refusal audited", async () => {
    const { user } = await enrolled();
    const coordinator = actorFor(await createUser("coordinator"));
    await expect(resetSecondFactor(coordinator, user.id)).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, coordinator.userId), eq(auditEvents.action, "access.denied")));
    expect(refusals.map((r) => (r.details as { permission: string }).permission)).toEqual([
      "reset:secondFactor",
    ]);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, user.id))).toHaveLength(1);
  });
});

describe("the database guards the second factor", () => {
  it("refuses a session that owes a factor yet records one, and malformed stored secrets and hashes", async () => {
    const user = await createUser("advocate");
    await expectDatabaseError(
      db()
        .insert(sessions)
        .values({
          userId: user.id,
          role: user.role,
          stage: "second-factor",
          secondFactorAt: new Date(),
          secondFactorMethod: "totp",
          expiresAt: new Date(Date.now() + 60_000),
        }),
      { code: "23514", constraint: "sessions_second_factor_proven" },
    );
    await expectDatabaseError(
      db().insert(userTotp).values({ userId: user.id, secretCiphertext: "JBSWY3DPEHPK3PXP" }),
      {
        code: "23514",
        constraint: "user_totp_ciphertext_shape",
      },
    );
    await expectDatabaseError(
      db().insert(recoveryCodes).values({ userId: user.id, codeHash: "ABCDE-12345" }),
      {
        code: "23514",
        constraint: "recovery_codes_hash_shape",
      },
    );
    // Controls: the same rows, well formed, are accepted.
    await db()
      .insert(userTotp)
      .values({ userId: user.id, secretCiphertext: sealSecret(user.id, "JBSWY3DPEHPK3PXP") });
    await db()
      .insert(recoveryCodes)
      .values({ userId: user.id, codeHash: "a".repeat(64) });
  });
});

describe("step-up", () => {
  it("is due once the second factor was proven over 15 minutes ago, and only for someone with a factor", async () => {
    const { actor } = await enrolled();
    const now = Date.now();
    const ago = (seconds: number) => new Date(now - seconds * 1000);
    expect(await stepUpDueFor(actor, ago(14 * 60 + 59), now)).toBe(false);
    expect(await stepUpDueFor(actor, ago(15 * 60), now)).toBe(false);
    expect(await stepUpDueFor(actor, ago(15 * 60 + 1), now)).toBe(true);
    expect(await stepUpDueFor(actor, null, now)).toBe(true);
    // Nothing to ask of someone with no factor (where the organisation does not require one).
    const without = actorFor(await createUser("coordinator"));
    expect(await stepUpDueFor(without, null, now)).toBe(false);
  });

  it("proving a code for step-up records the new time and says so in the audit trail", async () => {
    const { actor, secret } = await enrolled();
    const epoch = T0 + 2400;
    await db()
      .update(sessions)
      .set({ secondFactorAt: sql`now() - interval '20 minutes'` })
      .where(eq(sessions.id, actor.sessionId!));
    const code = await generate({ secret, epoch });
    expect(await proveWithCode(actor, "step-up", { method: "totp", code }, epoch)).toEqual({ ok: true });
    const check = await validateSession(actor.sessionId!);
    expect(check.ok && Date.now() - check.session.secondFactorAt!.getTime()).toBeLessThan(5_000);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, actor.sessionId!), eq(auditEvents.action, "auth.step-up")));
    expect(event!.details).toEqual({ method: "totp" });
  });
});

describe("removing the app", () => {
  it("removes a confirmed app with its codes, once; an enrolment still waiting is nobody's factor and stays", async () => {
    const { user, actor } = await enrolled("patient");
    expect(await removeAuthenticator(actor)).toBe(true);
    expect(await removeAuthenticator(actor)).toBe(false);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    const next = await authenticate({
      email: user.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    expect(next.ok && next.stage).toBe("full");

    const waiting = { ...actorFor(await createUser("coordinator")), sessionId: null };
    await startTotpEnrolment(waiting);
    expect(await removeAuthenticator(waiting)).toBe(false);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, waiting.userId))).toHaveLength(1);
  });
});

describe("attempts and enrolments that race", () => {
  it("counts wrong codes sent at once one after another: five lock it, the rest meet the lock", async () => {
    const { actor } = await enrolled();
    const pending = await signInAgain(actor);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => proveWithCode(pending, "sign-in", { method: "totp", code: "000000" })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(4);
    const counted = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, actor.userId), eq(auditEvents.action, "auth.second-factor-failed")),
      );
    // Five counted wrong codes, and three attempts refused by the lock without looking at the code.
    expect(counted.filter((r) => (r.details as { failures?: number }).failures !== undefined)).toHaveLength(
      5,
    );
    expect(counted.filter((r) => (r.details as { reason?: string }).reason === "locked")).toHaveLength(3);
  });

  it("a session that owed an enrolment may not add a factor once someone else has added one", async () => {
    const user = await createUser("advocate");
    const signInFor = async () => {
      const result = await authenticate({
        email: user.email,
        password: TEST_PASSWORD,
        ipAddress: freshAddress(),
      });
      if (!result.ok || result.stage !== "enrol") throw new Error("expected an enrolment");
      return { ...actorFor(user), sessionId: result.sessionId };
    };
    const [first, second] = [await signInFor(), await signInFor()];
    // The control: the second session enrols (its secret is the one it was shown).
    await startTotpEnrolment(second);
    const [row] = await db().select().from(userTotp).where(eq(userTotp.userId, user.id));
    const secret = openSecret(user.id, row!.secretCiphertext)!;
    expect((await finishTotpEnrolment(second, await generate({ secret, epoch: T0 }), T0)).ok).toBe(true);
    // The first, still owing an enrolment, is refused and must now prove the factor that exists.
    await startTotpEnrolment(first);
    expect(await finishTotpEnrolment(first, "123456", T0 + 30)).toEqual({ ok: false });
    const check = await validateSession(first.sessionId);
    expect(check.ok && check.session.stage).toBe("second-factor");
  });

  it("shows a new setup key each time, so a key another session saw is never the one confirmed", async () => {
    const actor = { ...actorFor(await createUser("patient")), sessionId: null };
    const a = await startTotpEnrolment(actor);
    const b = await startTotpEnrolment(actor);
    expect(a!.setupKey).not.toBe(b!.setupKey);
  });

  it("uses up nothing when the session ended while its code was checked", async () => {
    const { actor, codes } = await enrolled();
    const pending = await signInAgain(actor);
    await db()
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: "sign-out" })
      .where(eq(sessions.id, pending.sessionId!));
    expect(await proveWithCode(pending, "sign-in", { method: "recovery", code: codes[2]! })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const unused = await db()
      .select({ usedAt: recoveryCodes.usedAt })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, actor.userId));
    expect(unused.every((r) => r.usedAt === null)).toBe(true);
  });
});

describe("step-up for single sign-on", () => {
  it("a stale session from the organisation's provider is asked to sign in there again; a password one with no factor is not", async () => {
    const actor = actorFor(await createUser("admin"));
    const stale = new Date(Date.now() - 16 * 60 * 1000);
    expect(await stepUpDueFor(actor, stale, Date.now(), "sso")).toBe(true);
    expect(await stepUpDueFor(actor, stale, Date.now(), "password")).toBe(false);
    expect(await stepUpDueFor(actor, new Date(), Date.now(), "sso")).toBe(false);
  });
});
