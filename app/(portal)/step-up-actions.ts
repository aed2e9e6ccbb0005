"use server";

import type { FormState } from "@/app/_lib/action-results";
import { signOut } from "@/lib/auth/next-auth";
import { proveCodeForm } from "@/lib/auth/second-factor/code-attempt";
import { provePasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyAuthenticationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";
import { stepUpMinutes } from "@/lib/auth/step-up";
import { actionAccess } from "../_lib/record-action";

/** Proves the second factor again before a sensitive change (the form of the change is sent again after). */
export async function stepUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  const { w } = await securityWords(actor);
  const { result, state } = await proveCodeForm(actor, "step-up", formData, w);
  if (result && !result.ok && result.reason === "locked")
    await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  if (!result?.ok) return state;
  // The prompt stays to say so (refreshing the page would take it, and its answer, away); the
  // change's own form goes through when sent again.
  return { ok: w.stepUpDone(stepUpMinutes()) };
}

/** A challenge for stepping up with a passkey. */
export async function stepUpPasskeyOptionsAction(): Promise<unknown> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  return passkeyAuthenticationOptions(actor);
}

/** Proves a passkey again before a sensitive change. */
export async function stepUpPasskeyAction(response: unknown): Promise<PasskeyAnswer> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  const { w } = await securityWords(actor);
  const answer = await provePasskeyAnswer(actor, "step-up", response, w);
  if (answer.locked) await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  if (!answer.proven) return { message: answer.message };
  return { ok: w.stepUpDone(stepUpMinutes()) };
}
