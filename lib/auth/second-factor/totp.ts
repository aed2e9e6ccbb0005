import "server-only";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userTotp } from "@/db/schema";
import { openSecret, sealSecret } from "./secret-box";
import { matchTotp, newTotpSecret } from "./totp-codes";

// The stored authenticator: enrolment waits for a first good code; after that each code's step is
// recorded with a conditional update, so the same code posted twice at once succeeds once.

/** A new secret, kept unconfirmed until the person types a code from it. Null if one is confirmed. */
export async function beginTotp(tx: Executor, userId: string): Promise<string | null> {
  const [existing] = await tx
    .select({ confirmedAt: userTotp.confirmedAt })
    .from(userTotp)
    .where(eq(userTotp.userId, userId));
  if (existing?.confirmedAt) return null;
  const secret = newTotpSecret();
  const sealed = sealSecret(userId, secret);
  await tx
    .insert(userTotp)
    .values({ userId, secretCiphertext: sealed })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secretCiphertext: sealed, updatedAt: sql`now()` },
      setWhere: isNull(userTotp.confirmedAt),
    });
  return secret;
}

/** The unconfirmed secret being enrolled, to show again after a wrong first code. */
export async function pendingTotpSecret(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ sealed: userTotp.secretCiphertext })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)));
  return row ? openSecret(userId, row.sealed) : null;
}

async function recordStep(tx: Executor, userId: string, step: number, confirming: boolean): Promise<boolean> {
  const used = await tx
    .update(userTotp)
    .set({
      lastUsedStep: step,
      updatedAt: sql`now()`,
      ...(confirming ? { confirmedAt: sql`now()` } : {}),
    })
    .where(
      and(
        eq(userTotp.userId, userId),
        confirming ? isNull(userTotp.confirmedAt) : isNotNull(userTotp.confirmedAt),
        or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTotp.userId });
  return used.length === 1;
}

/** Confirms enrolment with a first code from the app. */
export async function confirmTotp(
  tx: Executor,
  userId: string,
  code: string,
  epoch?: number,
): Promise<boolean> {
  const secret = await pendingTotpSecret(tx, userId);
  if (!secret) return false;
  const step = await matchTotp(secret, code, { epoch });
  return step !== null && recordStep(tx, userId, step, true);
}

/** Checks a code against the confirmed authenticator, once per step. */
export async function checkTotp(
  tx: Executor,
  userId: string,
  code: string,
  epoch?: number,
): Promise<boolean> {
  const [row] = await tx
    .select({ sealed: userTotp.secretCiphertext, lastUsedStep: userTotp.lastUsedStep })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  const secret = row ? openSecret(userId, row.sealed) : null;
  if (!row || !secret) return false;
  const step = await matchTotp(secret, code, { afterStep: row.lastUsedStep, epoch });
  return step !== null && recordStep(tx, userId, step, false);
}

export async function hasConfirmedTotp(tx: Executor, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
  return row !== undefined;
}

/** Removes a confirmed app (an enrolment still waiting for its first code is nobody's factor yet). */
export async function removeTotp(tx: Executor, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))
    .returning({ id: userTotp.userId });
  return removed.length > 0;
}
