import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;

/** Only the hash of an invitation's token is kept; the link holds the token itself. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new link's token (32 random bytes, base64url), its hash to store, and when it stops working. */
export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + INVITATION_HOURS * 3_600_000),
  };
}
