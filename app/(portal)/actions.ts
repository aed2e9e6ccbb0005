"use server";

import { getActor } from "@/lib/auth/current-user";
import { signOut } from "@/lib/auth/next-auth";
import { endSession } from "@/lib/auth/sessions";

/** Ends the session row (so the cookie is worthless even if kept) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await endSession(actor, "sign-out");
  await signOut({ redirectTo: "/login?signedOut=1" });
}
