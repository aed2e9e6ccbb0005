"use server";

import { requirePendingSession } from "@/lib/auth/current-user";
import { registerPasskeyAnswer } from "@/lib/auth/second-factor/passkey-flows";
import { passkeyRegistrationOptions } from "@/lib/auth/second-factor/passkeys";
import type { PasskeyAnswer } from "@/lib/auth/second-factor/webauthn-json";
import { securityWords } from "@/lib/auth/second-factor/words";

/** A challenge for the passkey a required enrolment adds. */
export async function enrolPasskeyOptionsAction(): Promise<unknown> {
  const { actor } = await requirePendingSession("enrol");
  return passkeyRegistrationOptions(actor);
}

/** Keeps the passkey and finishes signing in; the recovery codes are shown once. */
export async function enrolPasskeyAction(response: unknown, name: unknown): Promise<PasskeyAnswer> {
  const { actor } = await requirePendingSession("enrol");
  return registerPasskeyAnswer(actor, response, name, (await securityWords(actor)).w);
}
