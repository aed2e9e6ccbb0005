import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { type PreferenceSnapshot, patientPreferences, patientPreferenceVersions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can, type PatientPermission } from "@/lib/authz";
import { StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { userName } from "@/lib/users/name";

/** What matters to the patient, in their words; each part is null until someone records it. */
export interface PatientPreferences extends PreferenceSnapshot {
  updatedAt: Date;
}

/** The parts of the record, in the order people read them, with their labels. */
export const PREFERENCE_FIELDS = [
  ["whatMattersMost", "What matters most"],
  ["myGoals", "Goals in their own words"],
  ["treatmentPreferences", "Treatment preferences"],
  ["communicationPreferences", "How and when to communicate"],
  ["languageNeeds", "Language and interpreter"],
  ["decisionSupport", "Making decisions"],
  ["whoMayBeTold", "Who may be told what"],
] as const satisfies readonly (readonly [keyof PreferenceSnapshot, string])[];

const part = z
  .string()
  .trim()
  .max(2000, { error: "Keep this under 2,000 characters." })
  .optional()
  .transform((v) => v || null);

export const PreferencesSchema = z.object({
  whatMattersMost: part,
  myGoals: part,
  treatmentPreferences: part,
  communicationPreferences: part,
  languageNeeds: part,
  decisionSupport: part,
  whoMayBeTold: part,
  /** 0 when nothing has been recorded yet. */
  version: z.coerce.number().int().min(0),
});
export type PreferencesInput = z.infer<typeof PreferencesSchema>;

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

/** Staff pages ask the staff permissions; the portal (the patient, family with the timeline) its own. */
export type PreferencesAudience = "staff" | "portal";
const PERMISSIONS = {
  staff: { read: "read:preferences", write: "write:preferences" },
  portal: { read: "read:preferences:portal", write: "write:preferences:portal" },
} as const satisfies Record<PreferencesAudience, { read: PatientPermission; write: PatientPermission }>;

/** The patient's voice with who changed what; every read audited. */
export async function getPreferencesPage(
  actor: Actor,
  patientId: string,
  audience: PreferencesAudience,
): Promise<PreferencesPage> {
  const access = await authorizePatient(actor, PERMISSIONS[audience].read, patientId);
  const database = db();
  const [patient, preferences, [current], versions] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
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
  await recordAudit(database, actor, {
    action: "preferences.read",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    preferences,
    version: current?.version ?? 0,
    canWrite: can(actor, PERMISSIONS[audience].write, access),
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
}

/**
 * Saves the patient's preferences as a new version (the advocate, or the patient for their own);
 * a save against an older version is refused, naming who saved first.
 */
export async function savePreferences(
  actor: Actor,
  patientId: string,
  input: PreferencesInput,
  audience: PreferencesAudience,
): Promise<void> {
  await authorizePatient(actor, PERMISSIONS[audience].write, patientId);
  const { version, ...snapshot } = input;
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ version: patientPreferences.version, updatedBy: patientPreferences.updatedBy })
      .from(patientPreferences)
      .where(eq(patientPreferences.patientId, patientId))
      .for("update");
    if ((row?.version ?? 0) !== version)
      throw new StaleVersionError(await userName(tx, row?.updatedBy ?? null));
    const next = version + 1;
    if (row) {
      await tx
        .update(patientPreferences)
        .set({ ...snapshot, version: next, updatedBy: actor.userId, updatedAt: new Date() })
        .where(eq(patientPreferences.patientId, patientId));
    } else {
      // Two first saves at once: the second finds the first one's row and is refused as stale.
      const inserted = await tx
        .insert(patientPreferences)
        .values({ ...snapshot, patientId, version: next, updatedBy: actor.userId })
        .onConflictDoNothing()
        .returning({ version: patientPreferences.version });
      if (inserted.length === 0) throw new StaleVersionError(null);
    }
    await tx
      .insert(patientPreferenceVersions)
      .values({ patientId, version: next, changedBy: actor.userId, snapshot });
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
