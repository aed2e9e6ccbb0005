import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { authLimits } from "./config";

export type SessionEndReason =
  | "sign-out"
  | "idle"
  | "expired"
  | "deactivated"
  | "role-changed"
  | "password-reset";

export type SessionCheck = { ok: true; actor: Actor } | { ok: false; reason: SessionEndReason | "unknown" };

/**
 * Looks the session up on every request: sign-out, idle time, the absolute limit, deactivation
 * and a role change all end it here, whatever the cookie still says.
 */
export async function validateSession(
  sessionId: string,
  ipAddress: string | null = null,
): Promise<SessionCheck> {
  const limits = authLimits();
  const database = db();
  const [row] = await database
    .select({
      sessionId: sessions.id,
      sessionRole: sessions.role,
      revokedAt: sessions.revokedAt,
      revokedReason: sessions.revokedReason,
      expired: sql<boolean>`${sessions.expiresAt} <= now()`,
      idle: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${limits.idleSeconds})`,
      touchDue: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${Math.min(30, Math.max(1, Math.floor(limits.idleSeconds / 5)))})`,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      active: users.active,
      patientId: users.patientId,
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
  if (row.touchDue) {
    await database
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }
  return { ok: true, actor };
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
