import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import {
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  notificationSettings,
  patients,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can, type Relationship } from "@/lib/authz";
import { type PatientPreferences, unsafeReadPatientPreferences } from "@/lib/preferences";

export interface PatientOverview {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  genderIdentity: string | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  race: string | null;
  ethnicity: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  insurer: string | null;
  insuranceMemberId: string | null;
  careTeam: {
    id: string;
    name: string;
    discipline: string;
    organisation: string | null;
    phone: string | null;
    email: string | null;
    internal: boolean;
  }[];
  staff: { name: string; email: string; kind: "coordinator" | "advocate"; isPrimary: boolean }[];
  /** How the reader came to see this record; "emergency" shows a banner. */
  access: Relationship[];
  /** What matters to the patient, shown at the top of the record for whoever may read it. */
  canReadPreferences: boolean;
  preferences: PatientPreferences | null;
  /** Text messages to the patient's own account (never family's): the recorded opt-in and any STOP. */
  textMessages: { optedInAt: Date | null; wording: string | null; stoppedAt: Date | null };
}

/**
 * One patient's record for anyone the policy lets read it; every read is audited. Written out
 * rather than through readPatientRecord: it reads the whole patients row, header included, so the
 * helper's separate header read would be one statement more for the same data.
 */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  const access = await authorizePatient(actor, "read:patient", patientId);
  const database = db();
  const canReadPreferences = can(actor, "read:preferences", access);
  const [[p], team, staff, preferences, [texts]] = await Promise.all([
    database.select().from(patients).where(eq(patients.id, patientId)),
    database
      .select({
        id: clinicians.id,
        name: clinicians.name,
        discipline: clinicians.discipline,
        organisation: clinicians.organisation,
        phone: clinicians.phone,
        email: clinicians.email,
        internal: clinicians.internal,
      })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
      .orderBy(desc(clinicians.internal), asc(clinicians.name)),
    database
      .select({
        name: users.name,
        email: users.email,
        kind: caseloadAssignments.kind,
        isPrimary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
      .where(and(eq(caseloadAssignments.patientId, patientId), isNull(caseloadAssignments.endedAt)))
      .orderBy(asc(caseloadAssignments.kind), desc(caseloadAssignments.isPrimary), asc(users.name)),
    canReadPreferences ? unsafeReadPatientPreferences(database, patientId) : null,
    database
      .select({
        optedInAt: notificationSettings.smsOptInAt,
        wording: notificationSettings.smsOptInWording,
        stoppedAt: notificationSettings.smsStoppedAt,
      })
      .from(users)
      .innerJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(eq(users.patientId, patientId)),
  ]);
  if (!p) throw new Error("patient vanished between the policy check and the read");
  await recordAudit(database, actor, {
    action: "patient.read",
    patientId,
    entityType: "patient",
    entityId: patientId,
    details: { via: access.relationships.join(","), emergencyGrant: access.emergencyGrantId },
  });
  const address = [p.addressLine, p.city, [p.region, p.postalCode].filter(Boolean).join(" ")]
    .filter((part) => part && part.length > 0)
    .join(", ");
  return {
    id: p.id,
    mrn: p.mrn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    genderIdentity: p.genderIdentity,
    preferredLanguage: p.preferredLanguage,
    interpreterNeeded: p.interpreterNeeded,
    race: p.race,
    ethnicity: p.ethnicity,
    phone: p.phone,
    email: p.email,
    address: address || null,
    insurer: p.insurer,
    insuranceMemberId: p.insuranceMemberId,
    careTeam: team,
    staff,
    access: access.relationships,
    canReadPreferences,
    preferences,
    textMessages: texts ?? { optedInAt: null, wording: null, stoppedAt: null },
  };
}
