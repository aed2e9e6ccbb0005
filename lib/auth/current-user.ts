import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { clientAddress } from "./client-address";
import { auth } from "./next-auth";
import { type SessionCheck, validateSession } from "./sessions";

/** The session for this request, checked against the database once per request. */
export const getSessionCheck = cache(async (): Promise<SessionCheck | null> => {
  const session = await auth();
  const sid = (session as { sid?: unknown } | null)?.sid;
  if (typeof sid !== "string") return null;
  return validateSession(sid, clientAddress(await headers()));
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
