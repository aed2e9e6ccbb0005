"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { getSessionCheck, requirePendingSession } from "@/lib/auth/current-user";
import { signOut } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { proveCodeForm } from "@/lib/auth/second-factor/code-attempt";
import { securityWords } from "@/lib/auth/second-factor/words";
import { endSession } from "@/lib/auth/sessions";

/** Finishes signing in with a code from the app or a recovery code; five wrong ones lock the account. */
export async function verifySecondFactorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { actor } = await requirePendingSession("second-factor");
  const { w } = await securityWords(actor);
  const { result, state } = await proveCodeForm(actor, "sign-in", formData, w);
  if (result?.ok) redirect(safeReturnPath(formData.get("next")));
  if (result && !result.ok && result.reason === "locked")
    await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  return state;
}

/** Leaves a sign-in that still owes a second factor: the session ends here. */
export async function cancelSignInAction(): Promise<void> {
  const check = await getSessionCheck();
  if (check?.ok) await endSession(check.actor, "sign-out");
  await signOut({ redirectTo: "/login?signedOut=1" });
}
