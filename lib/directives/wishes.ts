import "server-only";
import { db } from "@/db/client";
import { careWishes, careWishVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { patientVersionedRecord, savePatientVersion } from "@/lib/records/patient-versioned";
import type { CareWishesInput } from "./schemas";

const WISHES = patientVersionedRecord({ table: careWishes, versions: careWishVersions });

/** Her code-status wishes as one version left them. */
export type CareWishesSnapshot = Omit<CareWishesInput, "version">;

/**
 * Saves her code-status wish and her words for it as the next version, with a snapshot kept in
 * care_wish_versions; a save against an older version is refused, naming who saved first.
 */
export async function saveCareWishes(
  actor: Actor,
  patientId: string,
  input: CareWishesInput,
): Promise<number> {
  await authorizePatient(actor, "write:directives", patientId);
  const { version, ...snapshot } = input;
  return db().transaction(async (tx) => {
    const next = await savePatientVersion(tx, actor, WISHES, patientId, version, snapshot);
    await recordAudit(tx, actor, {
      action: "care-wishes.save",
      patientId,
      entityType: "patient",
      entityId: patientId,
      // Field names only: the wish itself is her health information.
      details: {
        version: next,
        fields: Object.keys(snapshot).filter((k) => snapshot[k as keyof typeof snapshot]),
      },
    });
    return next;
  });
}
