"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/app/_lib/action-results";
import { type ActionContext, actionAccess } from "@/app/_lib/record-action";
import type { EnrolState } from "@/components/security/totp-enrolment";
import {
  enrolmentAnswer,
  regenerateRecoveryCodes,
  removeAuthenticator,
} from "@/lib/auth/second-factor/enrolment";
import { securityWords } from "@/lib/auth/second-factor/words";
import { StepUpRequiredError } from "@/lib/auth/step-up";

/** The two pages that show one's own security: staff's and the portal's. */
const PAGES = ["/account/security", "/me/security"];
const refresh = () => {
  for (const page of PAGES) revalidatePath(page);
};

/** Turns on the authenticator app set up on the page, and hands back the recovery codes. */
export async function confirmAuthenticatorAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  return enrolmentAnswer(actor, formData.get("code"), (await securityWords(actor)).w.wrongCode);
}

/** One's own security, with the second factor proven within the step-up time (or the page asks). */
async function afterStepUp(): Promise<ActionContext | FormState> {
  try {
    return await actionAccess({ global: "manage:ownSecurity", stepUp: true });
  } catch (error) {
    if (!(error instanceof StepUpRequiredError)) throw error;
    refresh();
    return { message: error.message };
  }
}

/** Removes the authenticator app, after the second factor is proven again. */
export async function removeAuthenticatorAction(_prev: FormState, _formData: FormData): Promise<FormState> {
  const context = await afterStepUp();
  if (!("actor" in context)) return context;
  const { w } = await securityWords(context.actor);
  const removed = await removeAuthenticator(context.actor);
  refresh();
  return removed ? { ok: w.removed } : { message: w.nothingToRemove };
}

/** Ten new recovery codes, after the second factor is proven again and the box is ticked. */
export async function newRecoveryCodesAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const context = await afterStepUp();
  if (!("actor" in context)) return context;
  const { w } = await securityWords(context.actor);
  if (formData.get("understood") !== "yes") {
    return { message: w.newCodesTick, errors: { understood: [w.newCodesTick] } };
  }
  return { recoveryCodes: await regenerateRecoveryCodes(context.actor) };
}
