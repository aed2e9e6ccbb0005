import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/session/status/route";
import { db } from "@/db/client";
import { auditEvents, sessions } from "@/db/schema";
import { endSession, touchSession, validateSession } from "@/lib/auth/sessions";
import { actorFor, createUser } from "./support/factories";

const COOKIE = "authjs.session-token";

/** A signed-in coordinator's session row, last seen `secondsAgo` (the idle limit is 15 minutes here). */
async function sessionSeen(secondsAgo: number, stage: "full" | "second-factor" = "full") {
  const user = await createUser("coordinator");
  const [row] = await db()
    .insert(sessions)
    .values({
      userId: user.id,
      role: user.role,
      stage,
      expiresAt: sql`now() + interval '12 hours'`,
      lastSeenAt: sql`now() - make_interval(secs => ${secondsAgo})`,
    })
    .returning({ id: sessions.id });
  return { user, sessionId: row!.id, actor: { ...actorFor(user), sessionId: row!.id } };
}

async function lastSeen(sessionId: string): Promise<Date> {
  const [row] = await db()
    .select({ lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row!.lastSeenAt;
}

/** The request the idle dialog sends, with the cookie Auth.js would have set for this session. */
async function statusRequest(sessionId: string | null, secret = process.env.AUTH_SECRET!) {
  const headers = new Headers();
  if (sessionId) {
    const token = await encode({ token: { sub: "u", sid: sessionId }, secret, salt: COOKIE });
    headers.set("cookie", `${COOKIE}=${token}`);
  }
  return GET(new Request("http://127.0.0.1/api/session/status", { headers }));
}

describe("touchSession: Stay signed in gives a whole idle period back", () => {
  it("sets last_seen_at to now even inside the throttle that validateSession keeps", async () => {
    const { sessionId, actor } = await sessionSeen(10);
    const before = await lastSeen(sessionId);
    // The control: 10 s is inside the throttle (30 s), so a request does not move it.
    const check = await validateSession(sessionId);
    expect(check.ok).toBe(true);
    expect(await lastSeen(sessionId)).toEqual(before);

    expect(await touchSession(actor)).toBe(true);
    const after = await lastSeen(sessionId);
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(9_000);
    const again = await validateSession(sessionId, null, { touch: false });
    expect(again.ok && again.session.idleSecondsLeft).toBeGreaterThanOrEqual(899);
  });

  it("does nothing for a session that has ended, which stays ended, and audits nothing", async () => {
    const { sessionId, actor } = await sessionSeen(60);
    await endSession(actor, "sign-out");
    const before = await lastSeen(sessionId);
    const audited = await db().$count(auditEvents, eq(auditEvents.entityId, sessionId));

    expect(await touchSession(actor)).toBe(false);
    expect(await lastSeen(sessionId)).toEqual(before);
    expect(await validateSession(sessionId)).toEqual({ ok: false, reason: "sign-out" });
    expect(await db().$count(auditEvents, eq(auditEvents.entityId, sessionId))).toBe(audited);
  });
});

describe("GET /api/session/status: how long is left, asked without extending it", () => {
  it("answers the seconds left for a complete session, not cached, and leaves last_seen_at alone", async () => {
    const { sessionId } = await sessionSeen(600);
    const before = await lastSeen(sessionId);
    const response = await statusRequest(sessionId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = (await response.json()) as { idleSecondsLeft: number };
    expect(Object.keys(body)).toEqual(["idleSecondsLeft"]);
    expect(body.idleSecondsLeft).toBeGreaterThanOrEqual(298);
    expect(body.idleSecondsLeft).toBeLessThanOrEqual(300);
    // 600 s is well past the throttle: an ordinary request would have touched it.
    expect(await lastSeen(sessionId)).toEqual(before);
  });

  it("is 401 { signedIn: false } with no cookie, a forged one, or one signed with another secret", async () => {
    const { sessionId } = await sessionSeen(0);
    for (const response of [
      await statusRequest(null),
      await GET(
        new Request("http://127.0.0.1/api/session/status", { headers: { cookie: `${COOKIE}=forged` } }),
      ),
      await statusRequest(sessionId, "another secret, just as long as the real one"),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(await response.json()).toEqual({ signedIn: false });
    }
    // The positive control: the same session with the right cookie.
    expect((await statusRequest(sessionId)).status).toBe(200);
  });

  it("is 401 for a session that still owes a second factor", async () => {
    const { sessionId } = await sessionSeen(0, "second-factor");
    const response = await statusRequest(sessionId);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ signedIn: false });
  });

  it("says why a session ended, and ends one past the idle limit itself, as idle", async () => {
    const signedOut = await sessionSeen(0);
    await endSession(signedOut.actor, "sign-out");
    expect(await (await statusRequest(signedOut.sessionId)).json()).toEqual({
      signedIn: false,
      ended: "sign-out",
    });

    const idle = await sessionSeen(16 * 60);
    const response = await statusRequest(idle.sessionId);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ signedIn: false, ended: "idle" });
    const [row] = await db()
      .select({ reason: sessions.revokedReason })
      .from(sessions)
      .where(eq(sessions.id, idle.sessionId));
    expect(row!.reason).toBe("idle");
  });
});
