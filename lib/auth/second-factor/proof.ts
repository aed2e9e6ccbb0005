import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { type SecondFactorMethod, secondFactorThrottle, sessions, signInThrottle, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { authLimits } from "../config";
import { secondFactors } from "./requirement";

// What a proven (or failed) second factor does to the session and the account. A partial session
// becomes a full one and gets the whole of its time; a full one records when the factor was last
// proven, for step-up. Five wrong codes lock the account as five wrong passwords do.

/** A session that still owes a second factor lasts this long before it must start again. */
export const PENDING_SESSION_SECONDS = 10 * 60;

/**
 * Every change to a person's second factors, and every attempt to prove one, holds their user row
 * for its transaction: attempts sent in parallel are counted one after another (five guesses, not
 * five per request), and two tabs cannot both issue first recovery codes.
 */
export async function holdUser(tx: Transaction, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

/** Marks the session proven; false when it had ended meanwhile (the caller rolls back). */
export async function proveSecondFactor(
  tx: Executor,
  sessionId: string,
  method: SecondFactorMethod,
): Promise<boolean> {
  const proven = await tx
    .update(sessions)
    .set({
      stage: "full",
      secondFactorAt: sql`now()`,
      secondFactorMethod: method,
      expiresAt: sql`case when ${sessions.stage} = 'full' then ${sessions.expiresAt}
        else ${sessions.createdAt} + make_interval(secs => ${authLimits().maxSeconds}) end`,
    })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return proven.length === 1;
}

/**
 * Before adding a factor: a session that owes an enrolment may add one only while the person still
 * has none. Someone else may have enrolled meanwhile (the password's other holder, or the owner in
 * another tab): that session must now prove the factor that exists, so it is moved to
 * `second-factor` and the addition refused. True when the addition may go ahead.
 */
export async function mayAddFactor(tx: Transaction, actor: Actor): Promise<boolean> {
  await holdUser(tx, actor.userId);
  if (!actor.sessionId) return true;
  const [row] = await tx
    .select({ stage: sessions.stage })
    .from(sessions)
    .where(eq(sessions.id, actor.sessionId));
  if (row?.stage !== "enrol") return true;
  const factors = await secondFactors(tx, actor.userId);
  if (!factors.totp && factors.passkeys === 0) return true;
  await tx.update(sessions).set({ stage: "second-factor" }).where(eq(sessions.id, actor.sessionId));
  return false;
}

/**
 * Adding a factor finishes signing in only for a session that owed an enrolment: a complete session
 * keeps its step-up time, so a session left open cannot add its own key and then act as if it had
 * just proven the owner's.
 */
export async function finishOwedSignIn(
  tx: Executor,
  sessionId: string,
  method: SecondFactorMethod,
): Promise<void> {
  const [row] = await tx.select({ stage: sessions.stage }).from(sessions).where(eq(sessions.id, sessionId));
  if (row?.stage === "enrol") await proveSecondFactor(tx, sessionId, method);
}

/** A right answer: the count of wrong ones starts again. */
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
 * Counts a wrong answer, in the attempt's own transaction (the user row held). The fifth in a row
 * locks the account for the lock period (the lock the password checks), ends this session and says
 * so in the audit trail.
 */
export async function countSecondFactorFailure(
  tx: Transaction,
  actor: Actor,
  method: SecondFactorMethod,
): Promise<{ locked: boolean }> {
  const limits = authLimits();
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
  const lockedUntil = sql`now() + make_interval(secs => ${limits.lockSeconds})`;
  await tx
    .insert(signInThrottle)
    .values({ email: actor.email, failedCount: 0, lockedUntil })
    .onConflictDoUpdate({ target: signInThrottle.email, set: { failedCount: 0, lockedUntil } });
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
}
