import { z } from "zod";
import { fromZonedInputValue } from "@/lib/time";
import { englishBesideField, englishOnlyBesideSpanish, writtenLanguageField } from "@/lib/written-language";

// The booking and move forms' checks across fields: the pair of times, and the language of the
// patient's instructions with the English beside them. Each adds to one error map, so the form
// reports every mistake at once.

const DAY = 24 * 60 * 60 * 1000;
export type Errors = Record<string, string[]>;

export function add(errors: Errors, field: string, message: string) {
  errors[field] = [...(errors[field] ?? []), message];
}

/** Start and end as typed (wall-clock in the organisation's zone), checked as a pair. */
export function checkTimes(startsAt: unknown, endsAt: unknown, errors: Errors, now = Date.now()) {
  const start = typeof startsAt === "string" && startsAt ? fromZonedInputValue(startsAt) : null;
  const end = typeof endsAt === "string" && endsAt ? fromZonedInputValue(endsAt) : null;
  if (!start) add(errors, "startsAt", "Enter the start as a date and time.");
  if (!end) add(errors, "endsAt", "Enter the end as a date and time.");
  if (!start || !end) return null;
  const length = end.getTime() - start.getTime();
  if (length <= 0) add(errors, "endsAt", "The end must be after the start.");
  else if (length < 5 * 60 * 1000) add(errors, "endsAt", "An appointment lasts at least 5 minutes.");
  else if (length >= DAY) add(errors, "endsAt", "An appointment must be shorter than 24 hours.");
  if (start.getTime() < now - 365 * DAY)
    add(errors, "startsAt", "That is more than a year ago. Check the year.");
  if (start.getTime() > now + 2 * 365 * DAY)
    add(errors, "startsAt", "That is more than two years ahead. Check the year.");
  return { start, end };
}

/**
 * The patient's instructions' language and the English beside them. Checked apart from the rest
 * so the rule is told at once whatever else is wrong: English only beside Spanish (the database's
 * `appointments_english_beside_spanish`), and never beside no instructions at all.
 */
const NotesLanguage = z
  .object({ language: writtenLanguageField, patientNotesEnglish: englishBesideField(2000) })
  .superRefine(englishOnlyBesideSpanish(["patientNotesEnglish"]));

export const ENGLISH_WITHOUT_NOTES =
  "Write the instructions for the patient first; this is the same words in English.";

export function checkNotesLanguage(raw: Record<string, unknown>, errors: Errors) {
  const parsed = NotesLanguage.safeParse({
    language: raw.patientNotesLanguage,
    patientNotesEnglish: raw.patientNotesEnglish,
  });
  // A language that is not one of ours is told by the form's own field check.
  for (const issue of parsed.success ? [] : parsed.error.issues)
    if (issue.path[0] === "patientNotesEnglish") add(errors, "patientNotesEnglish", issue.message);
  const notes = typeof raw.patientNotes === "string" ? raw.patientNotes.trim() : "";
  if (parsed.success && parsed.data.patientNotesEnglish && !notes)
    add(errors, "patientNotesEnglish", ENGLISH_WITHOUT_NOTES);
}

export type Parsed<T> = { success: true; data: T } | { success: false; errors: Errors };

/** Field checks and the checks across fields together, so every mistake is reported at once. */
export function combine<T, S>(
  schema: z.ZodType<S>,
  raw: Record<string, unknown>,
  cross: (errors: Errors) => ((s: S) => T) | null,
): Parsed<T> {
  const parsed = schema.safeParse(raw);
  const errors: Errors = parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as Errors);
  const build = cross(errors);
  if (!parsed.success || !build || Object.keys(errors).length) return { success: false, errors };
  return { success: true, data: build(parsed.data) };
}
