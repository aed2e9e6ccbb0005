import { isLocale, type Locale } from "./messages";

/**
 * The browser's first language from an Accept-Language header, lower-cased: the one with the
 * highest quality, the earliest of equals. Entries with q=0 ("not this one") or a malformed
 * quality are skipped, as is the wildcard.
 */
export function firstLanguage(acceptLanguage: string | null | undefined): string | undefined {
  let best: { tag: string; q: number } | undefined;
  for (const entry of (acceptLanguage ?? "").split(",")) {
    const [rawTag = "", ...params] = entry.split(";").map((part) => part.trim());
    const tag = rawTag.toLowerCase();
    if (!/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(tag)) continue;
    const quality = params.find((p) => /^q=/i.test(p));
    const q = quality === undefined ? 1 : Number(quality.slice(2));
    if (!(q > 0 && q <= 1)) continue;
    if (!best || q > best.q) best = { tag, q };
  }
  return best?.tag;
}

/**
 * The language of a page seen before anyone signs in: the one chosen with the language switch
 * (the cookie), else Spanish when the browser's first language is Spanish (es, es-US, es-419…),
 * else English.
 */
export function localeBeforeSignIn(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  const first = firstLanguage(acceptLanguage);
  return first === "es" || first?.startsWith("es-") ? "es" : "en";
}
