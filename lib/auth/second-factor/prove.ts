import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db, type Transaction } from "@/db/client";
import type { SecondFactorMethod } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import { checkPasskey } from "./passkeys";
import {
  accountLocked,
  clearSecondFactorFailures,
  proveSecondFactor,
  recordSecondFactorFailure,
} from "./proof";
import { redeemRecoveryCode } from "./recovery-codes";
import { checkTotp } from "./totp";

export type FactorCode = { method: "totp" | "recovery"; code: string };
export type ProveResult = { ok: true } | { ok: false; reason: "invalid" | "locked" };

/**
 * Proves a second factor: to finish signing in, or to step up before a sensitive change. A wrong
 * answer counts toward the lock; a locked account is refused whatever the answer.
 */
async function prove(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  method: SecondFactorMethod,
  check: (tx: Transaction, sessionId: string) => Promise<boolean>,
): Promise<ProveResult> {
  const sessionId = actor.sessionId;
  if (!sessionId) return { ok: false, reason: "invalid" };
  if (await accountLocked(db(), actor.email)) {
    await recordAudit(db(), actor, {
      action: "auth.second-factor-failed",
      entityType: "user",
      entityId: actor.userId,
      details: { method, reason: "locked" },
    });
    return { ok: false, reason: "locked" };
  }
  const proven = await db().transaction(async (tx) => {
    if (!(await check(tx, sessionId))) return false;
    await proveSecondFactor(tx, sessionId, method);
    await clearSecondFactorFailures(tx, actor.userId);
    await recordAudit(tx, actor, {
      action: purpose === "sign-in" ? "auth.second-factor" : "auth.step-up",
      entityType: "session",
      entityId: sessionId,
      details: { method },
    });
    return true;
  });
  if (proven) return { ok: true };
  const { locked } = await recordSecondFactorFailure(actor, method);
  return { ok: false, reason: locked ? "locked" : "invalid" };
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
