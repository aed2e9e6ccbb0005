import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

// One key per purpose, derived from AUTH_SECRET by HKDF: an unsubscribe link's MAC, a recovery
// code's hash and an authenticator secret's encryption never share a key. No "server-only": the
// browser tests derive the same keys with the test run's secret.

const keys = new Map<string, Buffer>();

/** The 32-byte key for a purpose, from the given secret (AUTH_SECRET when none is given). */
export function derivedKey(purpose: string, secret: string = authSecret(purpose)): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "", purpose, 32));
    keys.set(id, key);
  }
  return key;
}

function authSecret(purpose: string): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error(`AUTH_SECRET is not set: ${purpose} needs a key derived from it.`);
  return secret;
}
