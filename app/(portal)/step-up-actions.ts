"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/app/_lib/action-results";
import { signOut } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { proveCodeForm } from "@/lib/auth/second-factor/code-attempt";
import { provePasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyAuthenticationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";
import { env } from "@/lib/env";
import { actionAccess } from "../_lib/record-action";

/** Proves the second factor again before a sensitive change; the page it came from shows the change's form. */
export async function stepUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  const { w } = await securityWords(actor);
  const { result, state } = await proveCodeForm(actor, "step-up", formData, w);
  if (result && !result.ok && result.reason === "locked")
    await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  if (!result?.ok) return state;
  revalidatePath(safeReturnPath(formData.get("page")));
  return { ok: w.stepUpDone(Math.round(env().STEP_UP_SECONDS / 60)) };
}

/** A challenge for stepping up with a passkey. */
export async function stepUpPasskeyOptionsAction(): Promise<unknown> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  return passkeyAuthenticationOptions(actor);
}

/** Proves a passkey again before a sensitive change; the page it came from is refreshed. */
export async function stepUpPasskeyAction(page: unknown, response: unknown): Promise<PasskeyAnswer> {
  const { actor } = await actionAccess({ global: "manage:ownSecurity" });
  const { w } = await securityWords(actor);
  const answer = await provePasskeyAnswer(actor, "step-up", response, w);
  if (answer.locked) await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  if (!answer.proven) return { message: answer.message };
  revalidatePath(safeReturnPath(page));
  return { ok: w.stepUpDone(Math.round(env().STEP_UP_SECONDS / 60)) };
}
