import "server-only";
import type { CareTeam, Reference } from "fhir/r4";
import type { RecordRow } from "./load";
import { type PractitionerDirectory, staffRoleText } from "./practitioner";
import { derivedUuid } from "./references";

/** The care team has no row of its own: one per patient, with an id that stays the same. */
export function careTeamId(patientId: string): string {
  return derivedUuid(`care-team:${patientId}`);
}

/** Who looks after the patient today: the clinicians on the team and the staff on the caseload. */
export function toCareTeam(
  patientId: string,
  subject: Reference,
  team: RecordRow<"team">[],
  staff: RecordRow<"staff">[],
  people: PractitionerDirectory,
): CareTeam & { id: string } {
  return {
    resourceType: "CareTeam",
    id: careTeamId(patientId),
    status: "active",
    subject,
    participant: [
      ...team.map((c) => ({ role: [{ text: c.discipline }], member: people.clinician(c) })),
      ...staff.map((s) => ({ role: [{ text: staffRoleText(s.role) }], member: people.staff(s) })),
    ],
  };
}
