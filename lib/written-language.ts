import { z } from "zod";
import { WRITTEN_LANGUAGES, type WrittenLanguage } from "@/db/schema/languages";

export type { WrittenLanguage };

import { blankToUndefined, optionalText } from "@/lib/validation";

// Texts staff write for a patient are kept in the language they were written in, with the same
// words in English beside a Spanish text when staff wish (for family and colleagues who read
// English). This module holds the two rules every such text follows: how a form takes them, and
// which version a reader sees.

/** A form's "Written in" field; blank means the patient's own language (the caller decides). */
export const writtenLanguageField = z.preprocess(
  blankToUndefined,
  z
    .enum(WRITTEN_LANGUAGES, { error: "Choose the language it is written in: English or Spanish." })
    .optional(),
);

/** A form's "In English too" field: optional, blank is null. */
export const englishBesideField = (max: number) => optionalText(max);

const ENGLISH_ONLY_BESIDE_SPANISH =
  "Leave the English version empty when the text itself is in English, or choose Spanish under “Written in”.";

/**
 * Refuses an English version beside a text that is not written in Spanish, naming the field, the
 * rule the database also keeps (the `…_english_beside_spanish` checks, migration 0022).
 */
export function englishOnlyBesideSpanish<T extends { language?: WrittenLanguage }>(
  englishFields: readonly (keyof T & string)[],
) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (value.language === "es") return;
    for (const field of englishFields) {
      if (value[field]) ctx.addIssue({ code: "custom", path: [field], message: ENGLISH_ONLY_BESIDE_SPANISH });
    }
  };
}

/** The version of a text a reader sees, and whether it is in a language other than the reader's. */
export interface ReaderVersion<T> {
  value: T;
  language: WrittenLanguage;
  /** True when the reader gets the text in the other language: show a note saying which. */
  otherLanguage: boolean;
}

/**
 * The reader's language's version when there is one, else the text as written, marked as in the
 * other language. `english` is the English version beside a Spanish text, or null.
 */
export function versionFor<T>(
  reader: string,
  language: WrittenLanguage,
  written: T,
  english: T | null,
): ReaderVersion<T> {
  if (reader === language) return { value: written, language, otherLanguage: false };
  if (reader === "en" && english !== null) return { value: english, language: "en", otherLanguage: false };
  return { value: written, language, otherLanguage: true };
}

/** A parsed form as the domain takes it: the English versions may be left out (callers other than forms). */
export type EnglishOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
