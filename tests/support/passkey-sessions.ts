import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "@/db/client";
import { recoveryCodes, sessions, webauthnCredentials } from "@/db/schema";
import { authenticate } from "@/lib/auth/credentials";
import {
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
} from "@/lib/auth/second-factor/passkeys";
import type { Actor } from "@/lib/authz/actor";
import { actorFor, createUser, TEST_PASSWORD } from "./factories";
import { type Ceremony, type SoftPasskey, softPasskey } from "./soft-authenticator";

// Sessions and passkeys for the passkey tests. The test files set WEBAUTHN_ORIGINS to ORIGIN
// before env() is first read, so the relying party is RP_ID.

export const ORIGIN = "http://localhost:3000";
export const RP_ID = "localhost";

let address = 0;
const freshAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

/** What an honest browser on ORIGIN would say for this challenge, with any part replaced. */
export const at = (challenge: string, lie: Partial<Ceremony> = {}): Ceremony => ({
  challenge,
  origin: ORIGIN,
  rpID: RP_ID,
  ...lie,
});

type Person = Parameters<typeof actorFor>[0];

/** A password sign-in that must reach `stage`; returns the actor with its session. */
export async function signIn(
  user: Person,
  stage: "enrol" | "second-factor" | "full",
): Promise<Actor & { sessionId: string }> {
  const result = await authenticate({
    email: user.email,
    password: TEST_PASSWORD,
    ipAddress: freshAddress(),
  });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  expect(result.stage).toBe(stage);
  return { ...actorFor(user), sessionId: result.sessionId };
}

/** Registers `key` on the actor's session, as the browser does after asking for options. */
export async function register(
  actor: Actor,
  key: SoftPasskey,
  lie: Partial<Ceremony> = {},
  name = "Work laptop",
) {
  const options = await passkeyRegistrationOptions(actor);
  return registerPasskey(actor, key.register(at(options.challenge, lie)), name);
}

/** A coordinator who signed in with a password and added `key` (the enrolment they owed). */
export async function withPasskey(key = softPasskey()) {
  const user = await createUser("coordinator");
  const actor = await signIn(user, "enrol");
  const done = await register(actor, key);
  if (!done.ok) throw new Error("registration failed");
  return { user, actor, key, codes: done.recoveryCodes! };
}

/** The key's answer to a new sign-in challenge for this session, bent where told. */
export async function answer(
  actor: Actor,
  key: SoftPasskey,
  lie: Partial<Parameters<SoftPasskey["authenticate"]>[0]> = {},
) {
  const options = await passkeyAuthenticationOptions(actor);
  return key.authenticate({ ...at(options.challenge), ...lie });
}

export const storedPasskeys = (userId: string) =>
  db().select().from(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));

export const recoveryCodesOf = (userId: string) =>
  db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));

export async function sessionRow(sessionId: string) {
  const [row] = await db().select().from(sessions).where(eq(sessions.id, sessionId));
  return row!;
}
