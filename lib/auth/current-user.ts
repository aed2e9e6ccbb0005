import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { env } from "@/lib/env";
import { shellCountSql } from "@/lib/shell/count-sql";
import { clientAddress } from "./client-address";
import { safeReturnPath } from "./return-path";
import { sessionIdFromCookies } from "./session-token";
import { type SessionCheck, type SessionState, validateSession } from "./sessions";

/** The session for this request, checked against the database once per request. */
export const getSessionCheck = cache(async (): Promise<SessionCheck | null> => {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  const h = await headers();
  // From the cookie's token, not auth(): the session callback keeps the id out of /api/auth/session.
  const sid = await sessionIdFromCookies(h.get("cookie"), secret);
  if (!sid) return null;
  // The shell's badges come in the same statement (issue 19: one round trip for the shell).
  return validateSession(sid, clientAddress(h), { also: shellCountSql() });
});

/** The signed-in actor, only once sign-in is complete: a password alone opens nothing (ADR 013). */
export async function getActor(): Promise<Actor | null> {
  const check = await getSessionCheck();
  return check?.ok && check.session.stage === "full" ? check.actor : null;
}

/** The path this request is for, as proxy.ts stamped it, to come back to after signing in. */
async function returnPath(): Promise<string> {
  const h = await headers();
  return safeReturnPath(h.get("x-carebridge-path"));
}

function withNext(path: string, next: string): string {
  if (next === "/") return path;
  return `${path}${path.includes("?") ? "&" : "?"}next=${encodeURIComponent(next)}`;
}

/**
 * The signed-in actor, or a redirect: to the sign-in page that says why (and comes back here), or
 * to the page that finishes signing in while a second factor is still owed.
 */
export async function requireActor(): Promise<Actor> {
  const check = await getSessionCheck();
  if (check?.ok && check.session.stage === "full") return check.actor;
  const next = await returnPath();
  if (check?.ok) redirect(withNext(pendingPage(check.session), next));
  const reason = check && !check.ok && check.reason !== "unknown" ? check.reason : null;
  redirect(withNext(reason ? `/login?ended=${reason}` : "/login", next));
}

/** Where a session that still owes a second factor goes. */
export function pendingPage(session: SessionState): string {
  return session.stage === "enrol" ? "/login/enrol" : "/login/second-factor";
}

/**
 * For the pages and actions that finish signing in: a session that still owes a second factor.
 * A complete session goes home; none goes to the sign-in page.
 */
export async function requirePendingSession(
  stage: "second-factor" | "enrol",
): Promise<{ actor: Actor; session: SessionState }> {
  const check = await getSessionCheck();
  if (!check?.ok) redirect("/login");
  if (check.session.stage === "full") redirect(homeFor(check.actor.role));
  if (check.session.stage !== stage) redirect(pendingPage(check.session));
  return { actor: check.actor, session: check.session };
}

/** The home page for a role. */
export function homeFor(role: Role): string {
  if (role === "admin") return "/admin/users";
  if (role === "patient" || role === "family") return "/me";
  return "/dashboard";
}
