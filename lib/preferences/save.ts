import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { patientPreferences, patientPreferenceVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { StaleVersionError } from "@/lib/errors";
import { userName } from "@/lib/users/name";
import { PREFERENCE_PERMISSIONS, type PreferencesAudience, type PreferencesInput } from "./schemas";

/**
 * Saves the patient's preferences as a new version (the advocate, or the patient for their own);
 * a save against an older version is refused, naming who saved first.
 *
 * This is the versioned change written out, not `lockVersion`/`saveVersion`
 * (lib/records/versioned-change.ts), because those do not fit an upsert: the row is keyed by
 * `patient_id` and has no `id`, it may not exist yet (version 0, where `lockVersion` answers "not
 * found"), the first save inserts it (`saveVersion` only updates), and the audit event names the
 * patient rather than the row. The compare is the same: the version the editor saw, else a
 * StaleVersionError naming `updatedBy`.
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
