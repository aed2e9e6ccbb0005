import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { patientPreferences } from "@/db/schema";

/** What matters to the patient, in their words; each part is null until someone records it. */
export interface PatientPreferences {
  whatMattersMost: string | null;
  myGoals: string | null;
  treatmentPreferences: string | null;
  communicationPreferences: string | null;
  languageNeeds: string | null;
  decisionSupport: string | null;
  whoMayBeTold: string | null;
  updatedAt: Date;
}

/**
 * Reads the record for a caller that has already checked `read:preferences` for this patient
 * (the care plan shows it beside the plan). Null when nothing has been recorded.
 */
export async function readPatientPreferences(
  executor: Executor,
  patientId: string,
): Promise<PatientPreferences | null> {
  const [row] = await executor
    .select({
      whatMattersMost: patientPreferences.whatMattersMost,
      myGoals: patientPreferences.myGoals,
      treatmentPreferences: patientPreferences.treatmentPreferences,
      communicationPreferences: patientPreferences.communicationPreferences,
      languageNeeds: patientPreferences.languageNeeds,
      decisionSupport: patientPreferences.decisionSupport,
      whoMayBeTold: patientPreferences.whoMayBeTold,
      updatedAt: patientPreferences.updatedAt,
    })
    .from(patientPreferences)
    .where(eq(patientPreferences.patientId, patientId));
  return row ?? null;
}
