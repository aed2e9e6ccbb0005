import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { TransactionRollbackError } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import type { SecondFactorMethod } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { checkPasskey } from "./passkeys";
import {
  accountLocked,
  clearSecondFactorFailures,
  countSecondFactorFailure,
  holdUser,
  proveSecondFactor,
} from "./proof";
import { redeemRecoveryCode } from "./recovery-codes";
import { checkTotp } from "./totp";

export type FactorCode = { method: "totp" | "recovery"; code: string };
export type ProveResult = { ok: true } | { ok: false; reason: "invalid" | "locked" };

/**
 * Proves a second factor: to finish signing in, or to step up before a sensitive change. One
 * transaction holds the user row, so attempts sent at once are judged one after another: the lock
 * is read, the answer checked, and a wrong one counted before the next attempt is looked at. A
 * locked account is refused whatever the answer.
 */
async function prove(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  method: SecondFactorMethod,
  check: (tx: Transaction, sessionId: string) => Promise<boolean>,
): Promise<ProveResult> {
  const sessionId = actor.sessionId;
  if (!sessionId) return { ok: false, reason: "invalid" };
  return db()
    .transaction(async (tx): Promise<ProveResult> => {
      await holdUser(tx, actor.userId);
      if (await accountLocked(tx, actor.email)) {
        await recordAudit(tx, actor, {
          action: "auth.second-factor-failed",
          entityType: "user",
          entityId: actor.userId,
          details: { method, reason: "locked" },
        });
        return { ok: false, reason: "locked" };
      }
      if (!(await check(tx, sessionId))) {
        const { locked } = await countSecondFactorFailure(tx, actor, method);
        return { ok: false, reason: locked ? "locked" : "invalid" };
      }
      // The session ended meanwhile (a lockout, a reset): nothing is used up, nothing recorded.
      if (!(await proveSecondFactor(tx, sessionId, method))) tx.rollback();
      await clearSecondFactorFailures(tx, actor.userId);
      await recordAudit(tx, actor, {
        action: purpose === "sign-in" ? "auth.second-factor" : "auth.step-up",
        entityType: "session",
        entityId: sessionId,
        details: { method },
      });
      return { ok: true };
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return { ok: false, reason: "invalid" } as const;
      throw error;
    });
}

/** With a code from the app or a recovery code (`epoch` is for tests of the time window). */
export function proveWithCode(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  attempt: FactorCode,
  epoch?: number,
): Promise<ProveResult> {
  return prove(actor, purpose, attempt.method, (tx, sessionId) =>
    attempt.method === "totp"
      ? checkTotp(tx, actor.userId, attempt.code, epoch)
      : redeemRecoveryCode(tx, actor.userId, sessionId, attempt.code),
  );
}

/** With a passkey or security key's answer to the session's challenge. */
export function proveWithPasskey(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  response: AuthenticationResponseJSON,
): Promise<ProveResult> {
  return prove(actor, purpose, "webauthn", (tx) => checkPasskey(tx, actor, response));
}
