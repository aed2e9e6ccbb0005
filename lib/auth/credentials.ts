import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { type Role, type SessionStage, signInAttempts, signInThrottle, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { SIGN_IN_WORDS, type SignInWords } from "@/lib/i18n/sign-in";
import { authLimits } from "./config";
import { openSession } from "./open-session";
import { decoyHash, verifyPassword } from "./password";
import { PENDING_SESSION_SECONDS } from "./second-factor/proof";
import { stageAfterPassword } from "./second-factor/requirement";

/** Email and password as typed on the sign-in page, with its messages in the page's language. */
export function signInSchema(words: SignInWords["fields"]) {
  return z.object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, { error: words.emailMissing })
      .max(254, { error: words.emailTooLong })
      .pipe(z.email({ error: words.emailShape })),
    // Checked only for length here: the strength rules apply when a password is set.
    password: z.string().min(1, { error: words.passwordMissing }).max(128, { error: words.passwordTooLong }),
  });
}

export const SignInSchema = signInSchema(SIGN_IN_WORDS.en.fields);
export type SignInInput = z.infer<typeof SignInSchema>;

export type SignInResult =
  | { ok: true; sessionId: string; userId: string; role: Role; stage: SessionStage }
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

  return database.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.email, email));
    await tx.insert(signInAttempts).values({ ipAddress: input.ipAddress, succeeded: true });
    // A password alone may open only the page that asks for the second factor (ADR 013), for a
    // few minutes; proving it gives the session its whole time.
    const stage = await stageAfterPassword(tx, user);
    const seconds = stage === "full" ? limits.maxSeconds : PENDING_SESSION_SECONDS;
    const sessionId = await openSession(tx, user, {
      ipAddress: input.ipAddress,
      seconds,
      stage,
      authMethod: "password",
      audit: { action: "auth.sign-in", details: stage === "full" ? undefined : { stage } },
    });
    return { ok: true, sessionId, userId: user.id, role: user.role, stage } as const;
  });
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
