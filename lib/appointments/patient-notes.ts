import "server-only";
import type { WrittenLanguage } from "@/db/schema";
import type { AuditDetails } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { ENGLISH_WITHOUT_NOTES } from "./form-checks";

/** What the patient is told to bring or do, the language it is in, and the English beside it. */
export interface PatientNotesVersion {
  patientNotes: string | null;
  patientNotesLanguage: WrittenLanguage;
  patientNotesEnglish: string | null;
}

function refuse(message: string): never {
  throw new DomainError(message, { patientNotesEnglish: [message] });
}

/**
 * The instructions as they will be kept. English sits only beside Spanish instructions (the
 * check `appointments_english_beside_spanish` keeps the same rule), and never beside none.
 */
export function patientNotesVersion(
  notes: string | null,
  language: WrittenLanguage,
  english: string | null | undefined,
): PatientNotesVersion {
  if (english && language !== "es")
    refuse("Leave the English version empty when the instructions are in English, or choose Spanish.");
  if (english && !notes) refuse(ENGLISH_WITHOUT_NOTES);
  return {
    patientNotes: notes,
    patientNotesLanguage: language,
    patientNotesEnglish: english || null,
  };
}

/** The audit trail's words for the instructions: their language and whether English sits beside. Never the text. */
export function patientNotesDetails(version: PatientNotesVersion, was?: WrittenLanguage): AuditDetails {
  return {
    patientNotesLanguage: version.patientNotesLanguage,
    ...(was && was !== version.patientNotesLanguage ? { fromPatientNotesLanguage: was } : {}),
    patientNotesEnglish: version.patientNotesEnglish !== null,
  };
}
