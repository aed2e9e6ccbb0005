import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { familyAccessGrants, patients } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, allowsGlobal, authorizeGlobal, usesPortal } from "@/lib/authz";

export interface MyProfile {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  preferredLanguage: string;
  phone: string | null;
  email: string | null;
}

export interface SharedPatient {
  patientId: string;
  givenName: string;
  familyName: string;
  relationship: string;
  canViewTimeline: boolean;
  canRaiseConcerns: boolean;
  canViewRequests: boolean;
}

export type MyPortal =
  | { kind: "patient"; profile: MyProfile }
  | { kind: "family"; patients: SharedPatient[] };

/** Which frame the signed-in person gets: the bilingual portal (and whether it is their own record), or staff's. */
export function portalShell(actor: Actor): { portal: boolean; ownRecord: boolean } {
  return { portal: usesPortal(actor.role), ownRecord: allowsGlobal(actor.role, "open:ownRecord:portal") };
}

/** What a patient or a family member sees on landing: their own record, or who shared with them. */
export async function getMyPortal(actor: Actor): Promise<MyPortal> {
  const database = db();
  if (allowsGlobal(actor.role, "open:ownRecord:portal")) {
    const [p] = await database
      .select({
        id: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        dateOfBirth: patients.dateOfBirth,
        preferredLanguage: patients.preferredLanguage,
        phone: patients.phone,
        email: patients.email,
      })
      .from(patients)
      .where(eq(patients.id, actor.patientId ?? "00000000-0000-0000-0000-000000000000"));
    if (!p) throw new Error("patient account without its patient record");
    await recordAudit(database, actor, {
      action: "portal.read",
      patientId: p.id,
      entityType: "patient",
      entityId: p.id,
    });
    return { kind: "patient", profile: p };
  }
  await authorizeGlobal(actor, "open:sharedRecords:portal");
  const shared = await database
    .select({
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      relationship: familyAccessGrants.relationship,
      canViewTimeline: familyAccessGrants.canViewTimeline,
      canRaiseConcerns: familyAccessGrants.canRaiseConcerns,
      canViewRequests: familyAccessGrants.canViewRequests,
    })
    .from(familyAccessGrants)
    .innerJoin(patients, eq(patients.id, familyAccessGrants.patientId))
    .where(and(eq(familyAccessGrants.familyUserId, actor.userId), isNull(familyAccessGrants.revokedAt)))
    .orderBy(asc(patients.familyName), asc(patients.givenName));
  await recordAudit(database, actor, { action: "portal.read", details: { patients: shared.length } });
  return { kind: "family", patients: shared };
}
