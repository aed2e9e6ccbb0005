"use server";

import { cookies } from "next/headers";
import { authLimits } from "@/lib/auth/config";
import { getActor, requireActor } from "@/lib/auth/current-user";
import { signOut } from "@/lib/auth/next-auth";
import { endSession, touchSession } from "@/lib/auth/sessions";
import { isLocale } from "@/lib/i18n/messages";
import { LOCALE_COOKIE } from "@/lib/i18n/server";

/** Ends the session row (so the cookie is worthless even if kept) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await endSession(actor, "sign-out");
  await signOut({ redirectTo: "/login?signedOut=1" });
}

/**
 * "Stay signed in" in the idle dialog: a whole idle period from now. An ended session goes to the
 * sign-in page instead (requireActor), which brings the person back to this page.
 */
export async function keepSessionAliveAction(): Promise<{ idleSecondsLeft: number }> {
  const actor = await requireActor();
  await touchSession(actor);
  return { idleSecondsLeft: authLimits().idleSeconds };
}

/** The portal language the person chose on the page; kept for a year on this browser. */
export async function setLanguageAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 365 * 86_400,
    sameSite: "lax",
    httpOnly: true,
  });
}
