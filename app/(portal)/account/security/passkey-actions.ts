"use server";

import type { FormState } from "@/app/_lib/action-results";
import { removePasskey } from "@/lib/auth/second-factor/enrolment";
import { registerPasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyRegistrationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";
import { ownSecurityAfterStepUp, refreshSecurityPages } from "./own-security";

/** A challenge for adding a passkey to one's own account (kept on the session, five minutes). */
export async function passkeyOptionsAction(): Promise<unknown> {
  const context = await ownSecurityAfterStepUp();
  if (!("actor" in context)) return context;
  return passkeyRegistrationOptions(context.actor);
}

/** Keeps the passkey the browser made for this account; the first factor brings recovery codes. */
export async function addPasskeyAction(response: unknown, name: unknown): Promise<PasskeyAnswer> {
  const context = await ownSecurityAfterStepUp();
  if (!("actor" in context)) return { message: context.message };
  const answer = await registerPasskeyAnswer(
    context.actor,
    response,
    name,
    (await securityWords(context.actor)).w,
  );
  if (!answer.recoveryCodes) refreshSecurityPages();
  return answer;
}

/** Removes one of one's own passkeys, after the second factor is proven again. */
export async function removePasskeyAction(
  passkeyId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const context = await ownSecurityAfterStepUp(passkeyId);
  if (!("actor" in context)) return context;
  const { w } = await securityWords(context.actor);
  const removed = await removePasskey(context.actor, context.id);
  refreshSecurityPages();
  return removed ? { ok: w.passkeyRemoved } : { message: w.passkeyFailed };
}
