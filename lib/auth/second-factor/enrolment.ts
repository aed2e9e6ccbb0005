import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { db, type Transaction } from "@/db/client";
import { recoveryCodes, secondFactorThrottle, sessions, userTotp, webauthnCredentials } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { authorizeGlobal } from "@/lib/authz";
import type { Actor } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import { finishOwedSignIn, holdUser, mayAddFactor } from "./proof";
import { issueRecoveryCodes, unusedRecoveryCodes } from "./recovery-codes";
import { secondFactors } from "./requirement";
import { beginTotp, confirmTotp, removeTotp } from "./totp";
import { groupedSecret, totpUri } from "./totp-codes";

export interface TotpEnrolment {
  /** The setup key, in groups of four, for typing into the app by hand. */
  setupKey: string;
  /** The otpauth:// address as a QR code (an SVG data URL), drawn on the server. */
  qrCode: string;
}

async function enrolmentFor(actor: Actor, secret: string): Promise<TotpEnrolment> {
  const qrCode = await QRCode.toDataURL(totpUri(actor.email, secret), {
    errorCorrectionLevel: "M",
    margin: 1,
  });
  return { setupKey: groupedSecret(secret), qrCode };
}

/** Starts an authenticator enrolment; null when one is already confirmed. */
export async function startTotpEnrolment(actor: Actor): Promise<TotpEnrolment | null> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  // A new secret each time the page is drawn: one shown to another session (someone else holding
  // the password) is never the one this person confirms.
  const secret = await beginTotp(db(), actor.userId);
  return secret ? enrolmentFor(actor, secret) : null;
}

/**
 * Confirms the app with its first code. The first factor a person adds brings ten recovery codes,
 * shown once; an enrolment that was owed finishes signing in.
 */
export async function finishTotpEnrolment(
  actor: Actor,
  code: string,
  epoch?: number,
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false }> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  return db().transaction(async (tx) => {
    if (!(await mayAddFactor(tx, actor))) return { ok: false } as const;
    if (!(await confirmTotp(tx, actor.userId, code, epoch))) return { ok: false } as const;
    const codes =
      (await unusedRecoveryCodes(tx, actor.userId)) === 0 ? await issueRecoveryCodes(tx, actor.userId) : null;
    if (actor.sessionId) await finishOwedSignIn(tx, actor.sessionId, "totp");
    await recordAudit(tx, actor, {
      action: "user.second-factor-enrol",
      entityType: "user",
      entityId: actor.userId,
      details: { method: "totp", recoveryCodes: codes?.length ?? 0 },
    });
    return { ok: true, recoveryCodes: codes } as const;
  });
}

/** The answer an enrolment form shows: the codes, or the wrong-code message on the field. */
export async function enrolmentAnswer(
  actor: Actor,
  code: FormDataEntryValue | null,
  wrong: string,
): Promise<{ ok?: string; recoveryCodes?: string[]; message?: string; errors?: Record<string, string[]> }> {
  const typed = typeof code === "string" ? code.trim().slice(0, 20) : "";
  const result = await finishTotpEnrolment(actor, typed);
  if (!result.ok) return { message: wrong, errors: { code: [wrong] } };
  return { ok: "on", recoveryCodes: result.recoveryCodes ?? [] };
}

/** Ten new recovery codes in place of the old ones (the caller has stepped up). */
export async function regenerateRecoveryCodes(actor: Actor): Promise<string[]> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  return db().transaction(async (tx) => {
    await holdUser(tx, actor.userId);
    const codes = await issueRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, actor, {
      action: "user.recovery-codes-regenerate",
      entityType: "user",
      entityId: actor.userId,
    });
    return codes;
  });
}

/** Removes the authenticator app (the caller has stepped up). Codes go too when no factor is left. */
export async function removeAuthenticator(actor: Actor): Promise<boolean> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  return db().transaction(async (tx) => {
    await holdUser(tx, actor.userId);
    if (!(await removeTotp(tx, actor.userId))) return false;
    await afterRemoval(tx, actor, "totp");
    return true;
  });
}

/**
 * An admin clears a person's second factors (a lost phone): app, passkeys, codes and wrong-code
 * count go, and every session of theirs ends. Their next sign-in enrols again if it is required.
 */
export async function resetSecondFactor(admin: Actor, userId: string): Promise<void> {
  await authorizeGlobal(admin, "reset:secondFactor");
  if (userId === admin.userId) {
    throw new DomainError("Change your own second factor on your sign-in security page.");
  }
  await db().transaction(async (tx) => {
    await holdUser(tx, userId);
    await tx.delete(userTotp).where(eq(userTotp.userId, userId));
    await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(secondFactorThrottle).where(eq(secondFactorThrottle.userId, userId));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: "second-factor-reset" })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await recordAudit(tx, admin, {
      action: "user.second-factor-reset",
      entityType: "user",
      entityId: userId,
      details: { sessionsEnded: ended.length },
    });
  });
}

/** Removes one of one's own passkeys (the caller has stepped up). Codes go too when no factor is left. */
export async function removePasskey(actor: Actor, passkeyId: string): Promise<boolean> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  return db().transaction(async (tx) => {
    await holdUser(tx, actor.userId);
    const removed = await tx
      .delete(webauthnCredentials)
      .where(and(eq(webauthnCredentials.id, passkeyId), eq(webauthnCredentials.userId, actor.userId)))
      .returning({ id: webauthnCredentials.id });
    if (removed.length === 0) return false;
    await afterRemoval(tx, actor, "webauthn");
    return true;
  });
}

/** After a factor is removed: the codes go when none is left, and the trail says which went. */
async function afterRemoval(tx: Transaction, actor: Actor, method: "totp" | "webauthn"): Promise<void> {
  const factors = await secondFactors(tx, actor.userId);
  if (!factors.totp && factors.passkeys === 0) {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
  }
  await recordAudit(tx, actor, {
    action: "user.second-factor-remove",
    entityType: "user",
    entityId: actor.userId,
    details: { method },
  });
}
