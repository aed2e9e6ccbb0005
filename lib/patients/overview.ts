import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import {
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  notificationSettings,
  patientPreferences,
  patients,
  users,
} from "@/db/schema";
import type { Actor, Relationship } from "@/lib/authz";
import {
  NOT_SHOWN,
  toWhoDecides,
  WHO_DECIDES_BANNER_READ,
  type WhoDecides,
  whoDecidesParts,
} from "@/lib/directives/reads";
import type { PatientPreferences } from "@/lib/preferences";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, nothing, oneOf, partsIf, readTogether } from "@/lib/records/read-together";

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
  /** "Who decides" for the banner atop the record; `canRead: false` where the reader may not see it. */
  whoDecides: WhoDecides;
}

/**
 * One patient's record for anyone the policy lets read it, with "who decides" for its banner when
 * the reader may read directives: one statement after the policy's, and both reads audited
 * (`patient.read`, and `directive.read` for the banner) in one more.
 */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  return readPatientRecord(
    actor,
    "read:patient",
    patientId,
    async ({ database, access, can }) => {
      const canReadPreferences = can("read:preferences");
      const canReadWhoDecides = can("read:directives");
      const { p, team, staff, preferences, texts, ...who } = await readTogether(database, {
        p: oneOf(DETAILS, (q) => q.from(patients).where(eq(patients.id, patientId))),
        team: listOf(TEAM, (q) =>
          q
            .from(careTeamMembers)
            .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
            .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
            .orderBy(desc(clinicians.internal), asc(clinicians.name)),
        ),
        staff: listOf(STAFF, (q) =>
          q
            .from(caseloadAssignments)
            .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
            .where(and(eq(caseloadAssignments.patientId, patientId), isNull(caseloadAssignments.endedAt)))
            .orderBy(asc(caseloadAssignments.kind), desc(caseloadAssignments.isPrimary), asc(users.name)),
        ),
        preferences: canReadPreferences
          ? oneOf(PREFERENCES, (q) =>
              q.from(patientPreferences).where(eq(patientPreferences.patientId, patientId)),
            )
          : nothing(null),
        texts: oneOf(TEXTS, (q) =>
          q
            .from(users)
            .innerJoin(notificationSettings, eq(notificationSettings.userId, users.id))
            .where(eq(users.patientId, patientId)),
        ),
        ...partsIf(canReadWhoDecides, whoDecidesParts(patientId), {
          agents: [],
          directives: [],
          wishes: null,
        }),
      });
      if (!p) throw new Error("patient vanished between the policy check and the read");
      const address = [p.addressLine, p.city, [p.region, p.postalCode].filter(Boolean).join(" ")]
        .filter((part) => part && part.length > 0)
        .join(", ");
      const { addressLine: _, city: __, region: ___, postalCode: ____, ...details } = p;
      return {
        id: patientId,
        ...access.header,
        ...details,
        address: address || null,
        careTeam: team,
        staff,
        access: access.relationships,
        canReadPreferences,
        preferences,
        textMessages: texts ?? { optedInAt: null, wording: null, stoppedAt: null },
        whoDecides: canReadWhoDecides ? toWhoDecides(who) : NOT_SHOWN,
      };
    },
    (overview, access) => [
      {
        action: "patient.read",
        details: { via: access.relationships.join(","), emergencyGrant: access.emergencyGrantId },
      },
      ...(overview.whoDecides.canRead ? [WHO_DECIDES_BANNER_READ(patientId)] : []),
    ],
  );
}

const DETAILS = {
  sex: patients.sex,
  genderIdentity: patients.genderIdentity,
  preferredLanguage: patients.preferredLanguage,
  interpreterNeeded: patients.interpreterNeeded,
  race: patients.race,
  ethnicity: patients.ethnicity,
  phone: patients.phone,
  email: patients.email,
  addressLine: patients.addressLine,
  city: patients.city,
  region: patients.region,
  postalCode: patients.postalCode,
  insurer: patients.insurer,
  insuranceMemberId: patients.insuranceMemberId,
};

const TEAM = {
  id: clinicians.id,
  name: clinicians.name,
  discipline: clinicians.discipline,
  organisation: clinicians.organisation,
  phone: clinicians.phone,
  email: clinicians.email,
  internal: clinicians.internal,
};

const STAFF = {
  name: users.name,
  email: users.email,
  kind: caseloadAssignments.kind,
  isPrimary: caseloadAssignments.isPrimary,
};

// The columns of unsafeReadPatientPreferences (lib/preferences), read here as a part of the statement.
const PREFERENCES = {
  whatMattersMost: patientPreferences.whatMattersMost,
  myGoals: patientPreferences.myGoals,
  treatmentPreferences: patientPreferences.treatmentPreferences,
  communicationPreferences: patientPreferences.communicationPreferences,
  languageNeeds: patientPreferences.languageNeeds,
  decisionSupport: patientPreferences.decisionSupport,
  whoMayBeTold: patientPreferences.whoMayBeTold,
  updatedAt: patientPreferences.updatedAt,
};

const TEXTS = {
  optedInAt: notificationSettings.smsOptInAt,
  wording: notificationSettings.smsOptInWording,
  stoppedAt: notificationSettings.smsStoppedAt,
};
