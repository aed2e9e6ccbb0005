import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type PreferenceSnapshot, patientPreferences, patientPreferenceVersions, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";
import { PREFERENCE_FIELDS, PREFERENCE_PERMISSIONS, type PreferencesAudience } from "./schemas";

/** What matters to the patient, in their words; each part is null until someone records it. */
export interface PatientPreferences extends PreferenceSnapshot {
  updatedAt: Date;
}

/**
 * Reads the record for a caller that has already checked `read:preferences` for this patient
 * (the care plan and the overview show it). Null when nothing has been recorded.
 */
export async function unsafeReadPatientPreferences(
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

/** What one save changed, a sentence per part. */
export function describePreferenceChanges(
  before: PreferenceSnapshot | null,
  after: PreferenceSnapshot,
): string[] {
  const show = (v: string | null) => (v ? `“${v}”` : "nothing");
  const lines = PREFERENCE_FIELDS.filter(([key]) => (before?.[key] ?? null) !== after[key]).map(
    ([key, label]) => `${label}: ${show(before?.[key] ?? null)} → ${show(after[key])}.`,
  );
  return lines.length ? lines : ["No visible change."];
}

export interface PreferencesPage {
  patient: PatientHeader;
  preferences: PatientPreferences | null;
  version: number;
  canWrite: boolean;
  history: {
    version: number;
    changedAt: Date;
    changedBy: string;
    changes: string[];
    /** The parts that changed, for pages that say it in another language. */
    changedParts: (keyof PreferenceSnapshot)[];
  }[];
}

/** The patient's voice with who changed what; every read audited. */
export async function getPreferencesPage(
  actor: Actor,
  patientId: string,
  audience: PreferencesAudience,
): Promise<PreferencesPage> {
  const permissions = PREFERENCE_PERMISSIONS[audience];
  return readPatientRecord(
    actor,
    permissions.read,
    patientId,
    async ({ database, can }) => {
      const [preferences, [current], versions] = await Promise.all([
        unsafeReadPatientPreferences(database, patientId),
        database
          .select({ version: patientPreferences.version })
          .from(patientPreferences)
          .where(eq(patientPreferences.patientId, patientId)),
        database
          .select({
            version: patientPreferenceVersions.version,
            changedAt: patientPreferenceVersions.changedAt,
            changedBy: users.name,
            snapshot: patientPreferenceVersions.snapshot,
          })
          .from(patientPreferenceVersions)
          .innerJoin(users, eq(users.id, patientPreferenceVersions.changedBy))
          .where(eq(patientPreferenceVersions.patientId, patientId))
          .orderBy(desc(patientPreferenceVersions.version))
          .limit(31),
      ]);
      return {
        preferences,
        version: current?.version ?? 0,
        canWrite: can(permissions.write),
        history: versions.slice(0, 30).map((v, k) => ({
          version: v.version,
          changedAt: v.changedAt,
          changedBy: v.changedBy,
          changes: describePreferenceChanges(versions[k + 1]?.snapshot ?? null, v.snapshot),
          changedParts: PREFERENCE_FIELDS.map(([key]) => key).filter(
            (key) => (versions[k + 1]?.snapshot[key] ?? null) !== v.snapshot[key],
          ),
        })),
      };
    },
    "preferences.read",
  );
}
