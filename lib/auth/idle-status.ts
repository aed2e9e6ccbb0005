import "server-only";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { sessionIdFromCookies } from "./session-token";
import { type SessionEndReason, validateSession } from "./sessions";

/** What the idle dialog is told: the seconds left, or that there is no complete session (and why, when known). */
export type IdleStatus =
  | { signedIn: true; idleSecondsLeft: number }
  | { signedIn: false; ended?: SessionEndReason };

/**
 * How long this request's session has before the idle time-out, asked without touching it: asking
 * must not keep a session alive, or an open tab would never time out. A session found past its
 * limit is ended here, as on any request. Only a complete session answers (ADR 015).
 */
export async function idleStatus(headers: Headers): Promise<IdleStatus> {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  const sid = await sessionIdFromCookies(headers.get("cookie"), secret);
  if (!sid) return { signedIn: false };
  const check = await validateSession(sid, clientAddress(headers), { touch: false });
  if (!check.ok)
    return check.reason === "unknown" ? { signedIn: false } : { signedIn: false, ended: check.reason };
  if (check.session.stage !== "full") return { signedIn: false };
  return { signedIn: true, idleSecondsLeft: check.session.idleSecondsLeft };
}
