import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { type SecondFactorMethod, secondFactorThrottle, sessions, signInThrottle } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { authLimits } from "../config";

// What a proven (or failed) second factor does to the session and the account. A partial session
// becomes a full one and gets the whole of its time; a full one records when the factor was last
// proven, for step-up. Five wrong codes lock the account as five wrong passwords do.

/** A session that still owes a second factor lasts this long before it must start again. */
export const PENDING_SESSION_SECONDS = 10 * 60;

export async function proveSecondFactor(
  tx: Executor,
  sessionId: string,
  method: SecondFactorMethod,
): Promise<void> {
  await tx
    .update(sessions)
    .set({
      stage: "full",
      secondFactorAt: sql`now()`,
      secondFactorMethod: method,
      expiresAt: sql`case when ${sessions.stage} = 'full' then ${sessions.expiresAt}
        else ${sessions.createdAt} + make_interval(secs => ${authLimits().maxSeconds}) end`,
    })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  // Fewer than five wrong codes, then a right one: the count starts again.
}

/**
 * Adding a factor proves a session only when it was owed (a required enrolment): a complete
 * session keeps its step-up time, so a session left open cannot add its own key and then act as
 * if it had just proven the owner's.
 */
export async function finishOwedSignIn(
  tx: Executor,
  sessionId: string,
  method: SecondFactorMethod,
): Promise<void> {
  const [row] = await tx.select({ stage: sessions.stage }).from(sessions).where(eq(sessions.id, sessionId));
  if (row && row.stage !== "full") await proveSecondFactor(tx, sessionId, method);
}

export async function clearSecondFactorFailures(tx: Executor, userId: string): Promise<void> {
  await tx.delete(secondFactorThrottle).where(eq(secondFactorThrottle.userId, userId));
}

/** Is the account locked (by wrong passwords or wrong codes)? */
export async function accountLocked(tx: Executor, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ email: signInThrottle.email })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.email, email), gt(signInThrottle.lockedUntil, sql`now()`)));
  return row !== undefined;
}

/**
 * Counts a wrong code. The fifth in a row locks the account for the lock period (the lock the
 * password checks), ends this session and says so in the audit trail.
 */
export async function recordSecondFactorFailure(
  actor: Actor,
  method: SecondFactorMethod,
): Promise<{ locked: boolean }> {
  const limits = authLimits();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(secondFactorThrottle)
      .values({ userId: actor.userId, failedCount: 1, lastFailedAt: sql`now()` })
      .onConflictDoUpdate({
        target: secondFactorThrottle.userId,
        set: { failedCount: sql`${secondFactorThrottle.failedCount} + 1`, lastFailedAt: sql`now()` },
      })
      .returning({ failedCount: secondFactorThrottle.failedCount });
    const failures = row?.failedCount ?? 1;
    await recordAudit(tx, actor, {
      action: "auth.second-factor-failed",
      entityType: "user",
      entityId: actor.userId,
      details: { method, failures },
    });
    if (failures < limits.maxFailures) return { locked: false };
    await tx
      .update(secondFactorThrottle)
      .set({ failedCount: 0 })
      .where(eq(secondFactorThrottle.userId, actor.userId));
    await tx
      .insert(signInThrottle)
      .values({
        email: actor.email,
        failedCount: 0,
        lockedUntil: sql`now() + make_interval(secs => ${limits.lockSeconds})`,
      })
      .onConflictDoUpdate({
        target: signInThrottle.email,
        set: { failedCount: 0, lockedUntil: sql`now() + make_interval(secs => ${limits.lockSeconds})` },
      });
    if (actor.sessionId) {
      await tx
        .update(sessions)
        .set({ revokedAt: sql`now()`, revokedReason: "second-factor-locked" })
        .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, actor, {
      action: "auth.second-factor-lockout",
      entityType: "user",
      entityId: actor.userId,
      details: { lockSeconds: limits.lockSeconds },
    });
    return { locked: true };
  });
}
