import "server-only";
import { createHash } from "node:crypto";

/** Only the hash of an invitation's token is kept; the link holds the token itself. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
