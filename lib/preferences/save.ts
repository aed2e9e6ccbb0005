import "server-only";
import { db } from "@/db/client";
import { patientPreferences, patientPreferenceVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { patientVersionedRecord, savePatientVersion } from "@/lib/records/patient-versioned";
import { PREFERENCE_PERMISSIONS, type PreferencesAudience, type PreferencesInput } from "./schemas";

const PREFERENCES = patientVersionedRecord({
  table: patientPreferences,
  versions: patientPreferenceVersions,
});

/**
 * Saves the patient's preferences as a new version (the advocate, or the patient for their own);
 * a save against an older version is refused, naming who saved first (lib/records/patient-versioned.ts).
 */
export async function savePreferences(
  actor: Actor,
  patientId: string,
  input: PreferencesInput,
  audience: PreferencesAudience,
): Promise<void> {
  await authorizePatient(actor, PREFERENCE_PERMISSIONS[audience].write, patientId);
  const { version, ...snapshot } = input;
  await db().transaction(async (tx) => {
    const next = await savePatientVersion(tx, actor, PREFERENCES, patientId, version, snapshot);
    await recordAudit(tx, actor, {
      action: "preferences.save",
      patientId,
      entityType: "patient",
      entityId: patientId,
      details: {
        version: next,
        fields: Object.keys(snapshot).filter((k) => snapshot[k as keyof typeof snapshot]),
      },
    });
  });
}
