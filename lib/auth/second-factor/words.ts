import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { usesPortal } from "@/lib/authz/policy";
import type { Locale } from "@/lib/i18n/messages";
import { SECURITY_WORDS, type SecurityWords } from "@/lib/i18n/security";
import { portalLocale } from "@/lib/i18n/server";

/** Staff read the security pages in English; patients and family in their portal language. */
export async function securityWords(actor: Actor): Promise<{ locale: Locale; w: SecurityWords }> {
  const locale = usesPortal(actor.role) ? await portalLocale(actor) : "en";
  return { locale, w: SECURITY_WORDS[locale] };
}
