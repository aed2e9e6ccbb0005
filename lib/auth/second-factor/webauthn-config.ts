import "server-only";
import { env } from "@/lib/env";

/**
 * Where passkeys belong: the relying party is the host people open (WEBAUTHN_ORIGINS, else
 * PUBLIC_URL). A passkey made for one host works only there; an IP address cannot be one (the
 * browser tests use http://localhost:3100 for that reason).
 */
export function webauthnParty(): { rpName: string; rpID: string; origins: string[] } {
  const e = env();
  const origins = e.WEBAUTHN_ORIGINS ?? [e.PUBLIC_URL];
  return { rpName: "Carebridge", rpID: new URL(origins[0]!).hostname, origins };
}

/** A challenge is good for five minutes, once. */
export const CHALLENGE_SECONDS = 5 * 60;
