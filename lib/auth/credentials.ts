import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { type Role, sessions, signInAttempts, signInThrottle, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { authLimits } from "./config";
import { decoyHash, verifyPassword } from "./password";

export const SignInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: "Enter your email address." })
    .max(254, { error: "That email address is too long." })
    .pipe(z.email({ error: "Enter an email address like name@example.org." })),
  // Checked only for length here: the strength rules apply when a password is set.
  password: z
    .string()
    .min(1, { error: "Enter your password." })
    .max(128, { error: "That password is too long." }),
});
export type SignInInput = z.infer<typeof SignInSchema>;

export type SignInResult =
  | { ok: true; sessionId: string; userId: string; role: Role }
  | { ok: false; reason: "invalid" | "locked" | "throttled" };

/**
 * Checks a password and opens a session row. Unknown emails are counted and locked exactly like
 * known ones, and both take one argon2 verification, so no answer tells which emails exist.
 */
export async function authenticate(input: SignInInput & { ipAddress: string }): Promise<SignInResult> {
  const limits = authLimits();
  const email = input.email.trim().toLowerCase();
  const database = db();

  const [addressFailures] = await database
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.ipAddress, input.ipAddress),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.attemptedAt, sql`now() - make_interval(secs => ${limits.addressWindowSeconds})`),
      ),
    );
  if ((addressFailures?.n ?? 0) >= limits.addressMaxFailures) {
    await recordAudit(database, null, {
      action: "auth.sign-in-failed",
      ipAddress: input.ipAddress,
      details: { reason: "address-throttled" },
    });
    return { ok: false, reason: "throttled" };
  }

  const [throttle] = await database
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(eq(signInThrottle.email, email));
  const [user] = await database.select().from(users).where(eq(users.email, email));

  if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
    await database.insert(signInAttempts).values({ ipAddress: input.ipAddress, succeeded: false });
    await recordAudit(database, null, {
      action: "auth.sign-in-failed",
      entityType: "user",
      entityId: user?.id ?? null,
      ipAddress: input.ipAddress,
      details: { reason: "locked" },
    });
    return { ok: false, reason: "locked" };
  }

  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !passwordOk || !user.active) {
    return recordFailure(
      email,
      user?.id ?? null,
      input.ipAddress,
      !user ? "unknown" : !passwordOk ? "password" : "inactive",
    );
  }

  const sessionId = await database.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.email, email));
    await tx.insert(signInAttempts).values({ ipAddress: input.ipAddress, succeeded: true });
    const [session] = await tx
      .insert(sessions)
      .values({
        userId: user.id,
        role: user.role,
        ipAddress: input.ipAddress,
        expiresAt: sql`now() + make_interval(secs => ${limits.maxSeconds})`,
      })
      .returning({ id: sessions.id });
    const actor: Actor = {
      userId: user.id,
      role: user.role,
      name: user.name,
      email: user.email,
      sessionId: session!.id,
      patientId: user.patientId,
      ipAddress: input.ipAddress,
    };
    await recordAudit(tx, actor, { action: "auth.sign-in", entityType: "session", entityId: session!.id });
    return session!.id;
  });
  return { ok: true, sessionId, userId: user.id, role: user.role };
}

async function recordFailure(
  email: string,
  userId: string | null,
  ipAddress: string,
  reason: "unknown" | "password" | "inactive",
): Promise<SignInResult> {
  const limits = authLimits();
  return db().transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ ipAddress, succeeded: false });
    // Count this failure; the fifth in a row locks the email for the lock period.
    const [row] = await tx
      .insert(signInThrottle)
      .values({ email, failedCount: 1, lastFailedAt: sql`now()` })
      .onConflictDoUpdate({
        target: signInThrottle.email,
        set: { failedCount: sql`${signInThrottle.failedCount} + 1`, lastFailedAt: sql`now()` },
      })
      .returning({ failedCount: signInThrottle.failedCount });
    const failures = row?.failedCount ?? 1;
    await recordAudit(tx, null, {
      action: "auth.sign-in-failed",
      entityType: userId ? "user" : null,
      entityId: userId,
      ipAddress,
      details: { reason, failures },
    });
    if (failures >= limits.maxFailures) {
      await tx
        .update(signInThrottle)
        .set({ lockedUntil: sql`now() + make_interval(secs => ${limits.lockSeconds})`, failedCount: 0 })
        .where(eq(signInThrottle.email, email));
      await recordAudit(tx, null, {
        action: "auth.lockout",
        entityType: userId ? "user" : null,
        entityId: userId,
        ipAddress,
        details: { lockSeconds: limits.lockSeconds },
      });
      return { ok: false, reason: "locked" } as const;
    }
    return { ok: false, reason: "invalid" } as const;
  });
}
