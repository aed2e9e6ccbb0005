import "server-only";
import type { Actor } from "@/lib/authz/actor";
import type { SecurityWords } from "@/lib/i18n/security";
import { registerPasskey } from "./passkeys";
import { proveWithPasskey } from "./prove";
import {
  AuthenticationResponseSchema,
  type PasskeyAnswer,
  PasskeyNameSchema,
  RegistrationResponseSchema,
} from "./webauthn-json";

// The answers the passkey buttons get, for each place they sit: the shapes are checked here, once,
// for the sign-in page, enrolment, one's security page and step-up alike.

export async function registerPasskeyAnswer(
  actor: Actor,
  response: unknown,
  name: unknown,
  w: SecurityWords,
): Promise<PasskeyAnswer> {
  const named = PasskeyNameSchema.safeParse(name);
  if (!named.success) return { message: w.passkeyNameNeeded };
  const parsed = RegistrationResponseSchema.safeParse(response);
  if (!parsed.success) return { message: w.passkeyFailed };
  const result = await registerPasskey(actor, parsed.data as never, named.data);
  if (!result.ok) return { message: w.passkeyFailed };
  return result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : { ok: w.passkeyAdded };
}

export type PasskeyProof = PasskeyAnswer & { locked?: true; proven?: true };

export async function provePasskeyAnswer(
  actor: Actor,
  purpose: "sign-in" | "step-up",
  response: unknown,
  w: SecurityWords,
): Promise<PasskeyProof> {
  const parsed = AuthenticationResponseSchema.safeParse(response);
  if (!parsed.success) return { message: w.passkeyFailed };
  const result = await proveWithPasskey(actor, purpose, parsed.data as never);
  if (result.ok) return { proven: true };
  return result.reason === "locked"
    ? { locked: true, message: w.passkeyFailed }
    : { message: w.passkeyFailed };
}
