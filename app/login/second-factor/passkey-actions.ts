"use server";

import { requirePendingSession } from "@/lib/auth/current-user";
import { signOut } from "@/lib/auth/next-auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { provePasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyAuthenticationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";

/** A challenge for the passkey that finishes this sign-in: the person's own keys only. */
export async function passkeySignInOptionsAction(): Promise<unknown> {
  const { actor } = await requirePendingSession("second-factor");
  return passkeyAuthenticationOptions(actor);
}

/** Finishes signing in with a passkey; a wrong answer counts toward the lock as a wrong code does. */
export async function passkeySignInAction(next: unknown, response: unknown): Promise<PasskeyAnswer> {
  const { actor } = await requirePendingSession("second-factor");
  const answer = await provePasskeyAnswer(actor, "sign-in", response, (await securityWords(actor)).w);
  if (answer.proven) return { redirectTo: safeReturnPath(next) };
  if (answer.locked) await signOut({ redirectTo: "/login?ended=second-factor-locked" });
  return { message: answer.message };
}
