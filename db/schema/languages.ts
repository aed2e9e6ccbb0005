import { sql } from "drizzle-orm";
import { check, text } from "drizzle-orm/pg-core";

/**
 * The languages staff write to patients in: those the portal speaks. One list for every text
 * written for a patient (updates, appointment instructions, care plans in plain words, concern
 * responses, rights letters, conversation messages).
 */
export const WRITTEN_LANGUAGES = ["en", "es"] as const;
export type WrittenLanguage = (typeof WRITTEN_LANGUAGES)[number];

/** A column holding the language a patient-facing text is written in; English for rows from before. */
export const writtenLanguage = (name: string) =>
  text(name, { enum: WRITTEN_LANGUAGES }).notNull().default("en");

/**
 * An English version beside a text may only sit beside one written in Spanish: beside English
 * it would be a second, unrelated text that readers of English would never see.
 */
export const englishBesideCheck = (name: string, language: unknown, english: unknown[]) =>
  check(
    name,
    sql`${language} = 'es' or (${sql.join(
      english.map((c) => sql`${c} is null`),
      sql` and `,
    )})`,
  );
