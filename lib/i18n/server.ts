import "server-only";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { db } from "@/db/client";
import { patients } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { localeBeforeSignIn } from "./locale-before-sign-in";
import { isLocale, type Locale, MESSAGES, type Messages } from "./messages";

export const LOCALE_COOKIE = "cb-lang";

/** The sign-in page's language (and its action's): the switch's cookie, else the browser's first language. */
export const signInLocale = cache(async (): Promise<Locale> => {
  const [jar, request] = await Promise.all([cookies(), headers()]);
  return localeBeforeSignIn(jar.get(LOCALE_COOKIE)?.value, request.get("accept-language"));
});

/**
 * The portal's language for this request: the one the person chose on the page, else the
 * patient's preferred language from their record (Spanish when it is Spanish), else English.
 */
export const portalLocale = cache(async (actor: Actor): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  if (actor.role === "patient" && actor.patientId) {
    const [p] = await db()
      .select({ language: patients.preferredLanguage })
      .from(patients)
      .where(eq(patients.id, actor.patientId));
    if (p?.language.toLowerCase().startsWith("es")) return "es";
  }
  return "en";
});

export async function portalMessages(actor: Actor): Promise<{ locale: Locale; t: Messages }> {
  const locale = await portalLocale(actor);
  return { locale, t: MESSAGES[locale] };
}
