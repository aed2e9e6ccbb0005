import { createHmac, timingSafeEqual } from "node:crypto";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/db/schema/notifications";
import { derivedKey } from "@/lib/crypto/derived-key";
import { env } from "@/lib/env";

// The token in an email's unsubscribe link: it names a person (their user id) and one kind of
// notification, and is signed, so whoever holds the email can turn that kind's emails off without
// signing in, and nobody can make one for another person or kind. It carries no PHI: an id and a
// kind, which the email it came in already implies. No "server-only" here: the browser tests make
// a valid token with the same function and the test run's AUTH_SECRET.

/** A key of its own, derived from AUTH_SECRET: a token is no session cookie and no other link's MAC. */
const PURPOSE = "carebridge/notification-unsubscribe/v1";
const MAC_BYTES = 32;
const ID_BYTES = 16;

const keyFor = (secret: string) => derivedKey(PURPOSE, secret);

function signingSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: unsubscribe links are signed with it.");
  return secret;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idBytes = (userId: string) => Buffer.from(userId.replaceAll("-", ""), "hex");
const idText = (bytes: Buffer) =>
  bytes.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac("sha256", keyFor(secret)).update(payload).digest();
}

/**
 * The token for this person and kind: base64url of the HMAC-SHA256 (32 bytes), the user id (16
 * bytes) and the kind's name. The same person and kind always give the same token.
 */
export function unsubscribeToken(
  userId: string,
  kind: NotificationKind,
  secret: string = signingSecret(),
): string {
  if (!UUID.test(userId)) throw new Error("An unsubscribe token names a user by their id.");
  const payload = Buffer.concat([idBytes(userId), Buffer.from(kind, "utf8")]);
  return Buffer.concat([mac(secret, payload), payload]).toString("base64url");
}

/** The person and kind a token names, or null: malformed, signed with another key, or altered. */
export function readUnsubscribeToken(
  token: string,
  secret: string = signingSecret(),
): { userId: string; kind: NotificationKind } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  // One spelling per token: Node decodes leniently (stray trailing bits), so anything else is refused.
  if (bytes.toString("base64url") !== token || bytes.length <= MAC_BYTES + ID_BYTES) return null;
  const given = bytes.subarray(0, MAC_BYTES);
  const payload = bytes.subarray(MAC_BYTES);
  if (!timingSafeEqual(given, mac(secret, payload))) return null;
  const kind = payload.subarray(ID_BYTES).toString("utf8");
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null;
  return { userId: idText(payload.subarray(0, ID_BYTES)), kind: kind as NotificationKind };
}
