import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-key";

// An authenticator's shared secret is kept encrypted (AES-256-GCM) under a key derived from
// AUTH_SECRET, with the user's id as associated data: a copy of the database alone gives no codes,
// and a ciphertext moved to another user's row does not open. Rotating AUTH_SECRET voids every
// enrolment (ADR 013 says so; `key_version` leaves room for a key of its own). No "server-only":
// the demo seed enrols its second-factor account with the same function.

const PURPOSE = "carebridge/totp-secret/v1";
const b64 = (bytes: Buffer) => bytes.toString("base64url");

/** `authSecret` for a process that has not read its settings yet (the seed); else AUTH_SECRET. */
export function sealSecret(userId: string, secret: string, authSecret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(PURPOSE, authSecret), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${b64(iv)}.${b64(body)}.${b64(cipher.getAuthTag())}`;
}

/** The secret, or null when the ciphertext is not this user's under this key. */
export function openSecret(userId: string, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", derivedKey(PURPOSE), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}
