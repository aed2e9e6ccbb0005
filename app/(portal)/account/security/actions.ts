"use server";

import type { FormState } from "@/app/_lib/action-results";
import type { EnrolState } from "@/components/security/totp-enrolment";
import {
  enrolmentAnswer,
  regenerateRecoveryCodes,
  removeAuthenticator,
} from "@/lib/auth/second-factor/enrolment";
import { securityWords } from "@/lib/auth/second-factor/words";
import { ownSecurityAfterStepUp, refreshSecurityPages } from "./own-security";

/** Turns on the authenticator app set up on the page, and hands back the recovery codes. */
export async function confirmAuthenticatorAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const context = await ownSecurityAfterStepUp();
  if (!("actor" in context)) return context;
  return enrolmentAnswer(
    context.actor,
    formData.get("code"),
    (await securityWords(context.actor)).w.wrongCode,
  );
}

/** Removes the authenticator app, after the second factor is proven again. */
export async function removeAuthenticatorAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const context = await ownSecurityAfterStepUp();
  if (!("actor" in context)) return context;
  const { w } = await securityWords(context.actor);
  const removed = await removeAuthenticator(context.actor);
  refreshSecurityPages();
  return removed ? { ok: w.removed } : { message: w.nothingToRemove };
}

/** Ten new recovery codes, after the second factor is proven again and the box is ticked. */
export async function newRecoveryCodesAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const context = await ownSecurityAfterStepUp();
  if (!("actor" in context)) return context;
  const { w } = await securityWords(context.actor);
  if (formData.get("understood") !== "yes") {
    return { message: w.newCodesTick, errors: { understood: [w.newCodesTick] } };
  }
  return { recoveryCodes: await regenerateRecoveryCodes(context.actor) };
}
