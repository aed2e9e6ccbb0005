"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/app/_lib/action-results";
import { actionAccess } from "@/app/_lib/record-action";
import { removePasskey } from "@/lib/auth/second-factor/enrolment";
import { registerPasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyRegistrationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";
import { StepUpRequiredError } from "@/lib/auth/step-up";
import { idOr404 } from "../../../_lib/guards";

const refresh = () => {
  for (const page of ["/account/security", "/me/security"]) revalidatePath(page);
};

/** A challenge for adding a passkey to one's own account (kept on the session, five minutes). */
export async function passkeyOptionsAction(): Promise<unknown> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  return passkeyRegistrationOptions(actor);
}

/** Keeps the passkey the browser made for this account; the first factor brings recovery codes. */
export async function addPasskeyAction(response: unknown, name: unknown): Promise<PasskeyAnswer> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  const answer = await registerPasskeyAnswer(actor, response, name, (await securityWords(actor)).w);
  if (!answer.recoveryCodes) refresh();
  return answer;
}

/** Removes one of one's own passkeys, after the second factor is proven again. */
export async function removePasskeyAction(
  passkeyId: string,
  _prev: FormState,
  _formData: FormData,
): Promise<FormState> {
  const id = idOr404(passkeyId);
  try {
    const { actor } = await actionAccess({ global: "manage:ownSecurity", stepUp: true });
    const { w } = await securityWords(actor);
    const removed = await removePasskey(actor, id);
    refresh();
    return removed ? { ok: w.passkeyRemoved } : { message: w.passkeyFailed };
  } catch (error) {
    if (!(error instanceof StepUpRequiredError)) throw error;
    refresh();
    return { message: error.message };
  }
}
