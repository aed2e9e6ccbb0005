import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { patients, WRITTEN_LANGUAGES, type WrittenLanguage } from "@/db/schema";

/** The patient's preferred language and interpreter need, shown on every form where staff write to them. */
export interface LanguageNeed {
  /** As the record keeps it (a language tag, e.g. "es", "vi"). */
  preferredLanguage: string;
  interpreterNeeded: boolean;
  /** What staff write in unless they choose another: the preferred language when the portal speaks it. */
  defaultLanguage: WrittenLanguage;
}

/** The language staff write to this patient in by default: theirs when the portal speaks it, else English. */
export function writtenLanguageFor(preferredLanguage: string): WrittenLanguage {
  return (WRITTEN_LANGUAGES as readonly string[]).includes(preferredLanguage)
    ? (preferredLanguage as WrittenLanguage)
    : "en";
}

/** Reads no policy itself: callers have authorised the actor for this patient in the same request. */
export async function unsafeReadLanguageNeed(executor: Executor, patientId: string): Promise<LanguageNeed> {
  const [row] = await executor
    .select({ preferredLanguage: patients.preferredLanguage, interpreterNeeded: patients.interpreterNeeded })
    .from(patients)
    .where(eq(patients.id, patientId));
  return languageNeed(row ?? { preferredLanguage: "en", interpreterNeeded: false });
}

/** The language need from its columns (readPatientRecord has them from the policy's own statement). */
export function languageNeed(p: { preferredLanguage: string; interpreterNeeded: boolean }): LanguageNeed {
  return {
    preferredLanguage: p.preferredLanguage,
    interpreterNeeded: p.interpreterNeeded,
    defaultLanguage: writtenLanguageFor(p.preferredLanguage),
  };
}
