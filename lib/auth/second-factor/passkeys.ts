import "server-only";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { and, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { authorizeGlobal } from "@/lib/authz";
import type { Actor } from "@/lib/authz/actor";
import { keepChallenge, takeChallenge } from "./passkey-challenge";
import { finishOwedSignIn, mayAddFactor } from "./proof";
import { issueRecoveryCodes, unusedRecoveryCodes } from "./recovery-codes";
import { webauthnParty } from "./webauthn-config";

// Passkeys and security keys (WebAuthn, @simplewebauthn/server). As a second factor after the
// password, user verification is preferred, not required, so a security key without a PIN works.

const uuidBytes = (id: string) => Uint8Array.from(Buffer.from(id.replaceAll("-", ""), "hex"));

async function credentialsOf(tx: Executor, userId: string) {
  return tx
    .select({ credentialId: webauthnCredentials.credentialId, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
}

/** Options for adding a passkey: the challenge is kept on the session; known keys are excluded. */
export async function passkeyRegistrationOptions(
  actor: Actor,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  const party = webauthnParty();
  const options = await generateRegistrationOptions({
    rpName: party.rpName,
    rpID: party.rpID,
    userName: actor.email,
    userID: uuidBytes(actor.userId),
    userDisplayName: actor.name,
    attestationType: "none",
    excludeCredentials: (await credentialsOf(db(), actor.userId)).map((c) => ({
      id: c.credentialId,
      transports: c.transports,
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(db(), actor.sessionId!, options.challenge);
  return options;
}

/**
 * Keeps the passkey the browser made, if it answers this session's challenge from this site. The
 * first factor a person adds brings ten recovery codes; the session counts as proven.
 */
export async function registerPasskey(
  actor: Actor,
  response: RegistrationResponseJSON,
  name: string,
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false }> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  const party = webauthnParty();
  return db().transaction(async (tx) => {
    if (!(await mayAddFactor(tx, actor))) return { ok: false } as const;
    const challenge = await takeChallenge(tx, actor.sessionId!);
    if (!challenge) return { ok: false } as const;
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: party.origins,
      expectedRPID: party.rpID,
      requireUserVerification: false,
    }).catch(() => null);
    if (!verified?.verified) return { ok: false } as const;
    const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
    // A credential id is the authenticator's, random and never shared: one already kept (the unique
    // key guards it too) is refused as any bad answer is.
    const [taken] = await tx
      .select({ id: webauthnCredentials.id })
      .from(webauthnCredentials)
      .where(eq(webauthnCredentials.credentialId, credential.id));
    if (taken) return { ok: false } as const;
    await tx.insert(webauthnCredentials).values({
      userId: actor.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name,
    });
    const codes =
      (await unusedRecoveryCodes(tx, actor.userId)) === 0 ? await issueRecoveryCodes(tx, actor.userId) : null;
    await finishOwedSignIn(tx, actor.sessionId!, "webauthn");
    await recordAudit(tx, actor, {
      action: "user.second-factor-enrol",
      entityType: "user",
      entityId: actor.userId,
      details: { method: "webauthn", recoveryCodes: codes?.length ?? 0 },
    });
    return { ok: true, recoveryCodes: codes } as const;
  });
}

/** Options for proving a passkey: the person's own keys only, the challenge kept on the session. */
export async function passkeyAuthenticationOptions(
  actor: Actor,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await authorizeGlobal(actor, "manage:ownSecurity");
  const options = await generateAuthenticationOptions({
    rpID: webauthnParty().rpID,
    allowCredentials: (await credentialsOf(db(), actor.userId)).map((c) => ({
      id: c.credentialId,
      transports: c.transports as never,
    })),
    userVerification: "preferred",
  });
  await keepChallenge(db(), actor.sessionId!, options.challenge);
  return options;
}

/**
 * Checks a passkey's answer to this session's challenge: one of the person's own keys, signed for
 * this site, its counter moving on. True when it proves; the caller records the outcome.
 */
export async function checkPasskey(
  tx: Executor,
  actor: Actor,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const challenge = await takeChallenge(tx, actor.sessionId!);
  if (!challenge) return false;
  const [stored] = await tx
    .select()
    .from(webauthnCredentials)
    .where(
      and(eq(webauthnCredentials.userId, actor.userId), eq(webauthnCredentials.credentialId, response.id)),
    );
  if (!stored) return false;
  const party = webauthnParty();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: party.origins,
    expectedRPID: party.rpID,
    credential: {
      id: stored.credentialId,
      publicKey: Uint8Array.from(stored.publicKey),
      counter: stored.counter,
      transports: stored.transports as never,
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) return false;
  await tx
    .update(webauthnCredentials)
    .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: sql`now()` })
    .where(eq(webauthnCredentials.id, stored.id));
  return true;
}
