import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { sessionIdFromCookies } from "./session-token";
import { type SessionCheck, validateSession } from "./sessions";

/** The session for this request, checked against the database once per request. */
export const getSessionCheck = cache(async (): Promise<SessionCheck | null> => {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  const h = await headers();
  // From the cookie's token, not auth(): the session callback keeps the id out of /api/auth/session.
  const sid = await sessionIdFromCookies(h.get("cookie"), secret);
  if (!sid) return null;
  return validateSession(sid, clientAddress(h));
});

export async function getActor(): Promise<Actor | null> {
  const check = await getSessionCheck();
  return check?.ok ? check.actor : null;
}

/** The signed-in actor, or a redirect to the sign-in page that says why. */
export async function requireActor(): Promise<Actor> {
  const check = await getSessionCheck();
  if (check?.ok) return check.actor;
  const reason = check && !check.ok && check.reason !== "unknown" ? check.reason : null;
  redirect(reason ? `/login?ended=${reason}` : "/login");
}

/** The home page for a role. */
export function homeFor(role: Role): string {
  if (role === "admin") return "/admin/users";
  if (role === "patient" || role === "family") return "/me";
  return "/dashboard";
}
