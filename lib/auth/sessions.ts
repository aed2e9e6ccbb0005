import "server-only";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type SessionStage, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { authLimits } from "./config";

export type SessionEndReason =
  | "sign-out"
  | "idle"
  | "expired"
  | "deactivated"
  | "role-changed"
  | "password-reset"
  | "second-factor-reset"
  | "second-factor-locked";

/** What the session row says beyond who: how far sign-in got, and when a second factor was last proven. */
export interface SessionState {
  stage: SessionStage;
  authMethod: "password" | "sso";
  secondFactorAt: Date | null;
  /** Seconds until the idle time-out, as of this check (before any touch it makes). */
  idleSecondsLeft: number;
}

export type SessionCheck =
  | { ok: true; actor: Actor; session: SessionState; also: Record<string, number> }
  | { ok: false; reason: SessionEndReason | "unknown" };

/**
 * Looks the session up on every request: sign-out, idle time, the absolute limit, deactivation
 * and a role change all end it here, whatever the cookie still says.
 */
export async function validateSession(
  sessionId: string,
  ipAddress: string | null = null,
  options: {
    touch?: boolean;
    /**
     * Figures about the signed-in person read in the same statement (the shell's badges): scalar
     * subqueries on `users.id`. Read with the session, never shown before the caller's policy asks.
     */
    also?: Record<string, SQL<number>>;
  } = {},
): Promise<SessionCheck> {
  const limits = authLimits();
  const database = db();
  const [row] = await database
    .select({
      sessionId: sessions.id,
      sessionRole: sessions.role,
      revokedAt: sessions.revokedAt,
      revokedReason: sessions.revokedReason,
      stage: sessions.stage,
      authMethod: sessions.authMethod,
      secondFactorAt: sessions.secondFactorAt,
      idleSecondsLeft: sql<number>`greatest(0, ${limits.idleSeconds} - extract(epoch from now() - ${sessions.lastSeenAt}))::int`,
      expired: sql<boolean>`${sessions.expiresAt} <= now()`,
      idle: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${limits.idleSeconds})`,
      touchDue: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${Math.min(30, Math.max(1, Math.floor(limits.idleSeconds / 5)))})`,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      active: users.active,
      patientId: users.patientId,
      also: options.also
        ? sql<Record<string, number>>`json_build_object(${sql.join(
            Object.entries(options.also).map(([name, value]) => sql`${name}::text, ${value}`),
            sql`, `,
          )})`
        : sql<null>`null`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt)
    return { ok: false, reason: (row.revokedReason as SessionEndReason | null) ?? "unknown" };

  const actor: Actor = {
    userId: row.userId,
    role: row.role,
    name: row.name,
    email: row.email,
    sessionId: row.sessionId,
    patientId: row.patientId,
    ipAddress,
  };
  const end: SessionEndReason | null = !row.active
    ? "deactivated"
    : row.role !== row.sessionRole
      ? "role-changed"
      : row.expired
        ? "expired"
        : row.idle
          ? "idle"
          : null;
  if (end) {
    await endSession(actor, end);
    return { ok: false, reason: end };
  }
  // The idle dialog asks without touching, so asking never keeps a session alive.
  if (row.touchDue && options.touch !== false) {
    await database
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }
  return {
    ok: true,
    actor,
    also: Object.fromEntries(
      Object.entries(typeof row.also === "string" ? JSON.parse(row.also) : (row.also ?? {})).map(
        ([name, value]) => [name, Number(value)],
      ),
    ),
    session: {
      stage: row.stage,
      authMethod: row.authMethod,
      secondFactorAt: row.secondFactorAt,
      idleSecondsLeft: Number(row.idleSecondsLeft),
    },
  };
}

/**
 * Sets the session's last activity to now, whatever validateSession's throttle says: "Stay
 * signed in" must give a whole idle period back. A revoked session stays revoked. Not audited:
 * it is the same as opening a page.
 */
export async function touchSession(actor: Actor): Promise<boolean> {
  if (!actor.sessionId) return false;
  const touched = await db()
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return touched.length > 0;
}

/** Ends one session (once) and writes why to the audit trail. */
export async function endSession(actor: Actor, reason: SessionEndReason): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await db().transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (ended.length === 0) return;
    await recordAudit(tx, actor, {
      action: reason === "sign-out" ? "auth.sign-out" : "session.ended",
      entityType: "session",
      entityId: sessionId,
      details: { reason },
    });
  });
}
