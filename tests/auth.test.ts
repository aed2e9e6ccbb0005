import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/credentials";
import { NewPasswordSchema, verifyPassword } from "@/lib/auth/password";
import { endSession, validateSession } from "@/lib/auth/sessions";
import { setUserActive, updateUserRole } from "@/lib/users";
import { actorFor, createUser, TEST_PASSWORD } from "./support/factories";

let address = 0;
const freshAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

async function auditActions(userId: string) {
  const rows = await db()
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.entityId, userId));
  return rows.map((r) => r.action);
}

describe("passwords", () => {
  it("hashes with argon2id at m=19 MiB, t=2, p=1", async () => {
    const user = await createUser("coordinator");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(user.passwordHash, "something else entirely")).toBe(false);
  });

  it("accepts 12 to 128 characters with no composition rules, and refuses common ones", () => {
    expect(NewPasswordSchema.safeParse("short").success).toBe(false);
    expect(NewPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(NewPasswordSchema.safeParse("all lower case words here").success).toBe(true);
    expect(NewPasswordSchema.safeParse("password1234").success).toBe(false);
    expect(NewPasswordSchema.safeParse("qwertyuiop123").success).toBe(false);
  });
});

describe("signing in", () => {
  it("opens a new session row at every sign-in", async () => {
    const user = await createUser("advocate");
    const ip = freshAddress();
    const first = await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: ip });
    const second = await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: ip });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(await auditActions(first.sessionId)).toEqual(["auth.sign-in"]);
  });

  it("answers an unknown email exactly as a wrong password", async () => {
    const user = await createUser("advocate");
    const wrong = await authenticate({
      email: user.email,
      password: "not the password at all",
      ipAddress: freshAddress(),
    });
    const unknown = await authenticate({
      email: "nobody@test.example",
      password: "whatever it is",
      ipAddress: freshAddress(),
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after 5 failures, refuses even the right password, and audits it", async () => {
    const user = await createUser("coordinator");
    const ip = freshAddress();
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await authenticate({ email: user.email, password: `wrong ${i} attempt`, ipAddress: ip }));
    }
    expect(results.slice(0, 4).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[4]).toEqual({ ok: false, reason: "locked" });
    expect(
      await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: freshAddress() }),
    ).toEqual({
      ok: false,
      reason: "locked",
    });
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === "auth.sign-in-failed").length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain("auth.lockout");
  });

  it("locks an unknown email too, so a lockout says nothing about which emails exist", async () => {
    const ip = freshAddress();
    let last: Awaited<ReturnType<typeof authenticate>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await authenticate({ email: "ghost@test.example", password: `guess ${i} here`, ipAddress: ip });
    }
    expect(last).toEqual({ ok: false, reason: "locked" });
  });

  it("unlocks after the lock period", async () => {
    const user = await createUser("coordinator");
    for (let i = 0; i < 5; i++) {
      await authenticate({ email: user.email, password: `wrong ${i} attempt`, ipAddress: freshAddress() });
    }
    await db().execute(
      sql`update sign_in_throttle set locked_until = now() - interval '1 second' where email = ${user.email}`,
    );
    const result = await authenticate({
      email: user.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    expect(result.ok).toBe(true);
  });

  it("throttles one address that fails across many accounts", async () => {
    const ip = freshAddress();
    const user = await createUser("coordinator");
    // 30 failures (the default limit), each against a different email so no account locks.
    for (let i = 0; i < 30; i++) {
      await authenticate({
        email: `spray${i}-${ip}@test.example`,
        password: "password guess",
        ipAddress: ip,
      });
    }
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: ip })).toEqual({
      ok: false,
      reason: "throttled",
    });
    // Another address is unaffected.
    expect(
      (await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: freshAddress() })).ok,
    ).toBe(true);
  });

  it("refuses a deactivated account with the ordinary message", async () => {
    const user = await createUser("advocate", { active: false });
    expect(
      await authenticate({ email: user.email, password: TEST_PASSWORD, ipAddress: freshAddress() }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("sessions end when they should, on the next request", () => {
  async function signedIn(role: "coordinator" | "advocate" = "coordinator") {
    const user = await createUser(role);
    const result = await authenticate({
      email: user.email,
      password: TEST_PASSWORD,
      ipAddress: freshAddress(),
    });
    if (!result.ok) throw new Error("sign-in failed");
    return { user, sessionId: result.sessionId };
  }

  it("is valid while in use", async () => {
    const { sessionId, user } = await signedIn();
    const check = await validateSession(sessionId);
    expect(check.ok && check.actor.userId).toBe(user.id);
  });

  it("ends at sign-out and stays ended", async () => {
    const { sessionId } = await signedIn();
    const check = await validateSession(sessionId);
    if (!check.ok) throw new Error("expected a session");
    await endSession(check.actor, "sign-out");
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "sign-out" });
    expect(await auditActions(sessionId)).toContain("auth.sign-out");
  });

  it("ends after the idle limit", async () => {
    const { sessionId } = await signedIn();
    await db()
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '16 minutes'` })
      .where(eq(sessions.id, sessionId));
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "idle" });
  });

  it("ends at the absolute limit however busy it is", async () => {
    const { sessionId } = await signedIn();
    await db()
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'`, createdAt: sql`now() - interval '13 hours'` })
      .where(eq(sessions.id, sessionId));
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "expired" });
  });

  it("ends when an admin deactivates the user", async () => {
    const { sessionId, user } = await signedIn();
    const admin = actorFor(await createUser("admin"));
    await setUserActive(admin, user.id, false, user.version);
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "deactivated" });
  });

  it("ends when the user's role changes", async () => {
    const { sessionId, user } = await signedIn("advocate");
    const admin = actorFor(await createUser("admin"));
    await updateUserRole(admin, user.id, { role: "coordinator", version: user.version });
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "role-changed" });
  });

  it("ends even if the role change were made behind the application's back", async () => {
    const { sessionId, user } = await signedIn("advocate");
    await db().update(users).set({ role: "coordinator" }).where(eq(users.id, user.id));
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "role-changed" });
  });

  it("does not know a made-up session id", async () => {
    expect(await validateSession("00000000-0000-4000-8000-000000000000")).toEqual({
      ok: false,
      reason: "unknown",
    });
  });
});
