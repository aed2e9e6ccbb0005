import { en } from "./en";
import { es } from "./es";

/**
 * The patient portal's words, in English (./en.ts) and Spanish (./es.ts). Spanish must have every
 * key English has (the type says so); a message that takes values is a function, so a missing
 * value is a type error.
 */
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, es };

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "es";
}
