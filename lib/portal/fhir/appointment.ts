import "server-only";
import type { Appointment, AppointmentParticipant, Reference } from "fhir/r4";
import type { RecordRow } from "./load";
import type { PractitionerDirectory } from "./practitioner";
import { englishBeside } from "./translation";

const APPOINTMENT_STATUS: Record<string, Appointment["status"]> = {
  scheduled: "booked",
  confirmed: "booked",
  completed: "fulfilled",
  cancelled: "cancelled",
  "no-show": "noshow",
};

/** The clinician taking part, if the booking names one. */
function clinician(a: RecordRow<"visits">, people: PractitionerDirectory): AppointmentParticipant[] {
  if (!a.clinicianId || !a.clinicianName) return [];
  const actor = people.clinician({
    id: a.clinicianId,
    name: a.clinicianName,
    discipline: a.clinicianDiscipline ?? "",
    kind: a.clinicianKind ?? "clinician",
  });
  return [{ actor, status: "accepted" }];
}

/**
 * One booking, with the patient and the clinician as participants. The place is only named: the
 * portal keeps it as free text, not as a Location of its own.
 */
export function toAppointment(
  a: RecordRow<"visits">,
  subject: Reference,
  people: PractitionerDirectory,
): Appointment & { id: string } {
  return {
    resourceType: "Appointment",
    id: a.id,
    status: APPOINTMENT_STATUS[a.status] ?? "booked",
    description: a.title,
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    // The patient's instructions as written (in their language); English beside Spanish as a translation.
    comment: a.patientNotes ?? undefined,
    _comment: a.patientNotes ? englishBeside(a.patientNotesEnglish) : undefined,
    participant: [
      { actor: subject, status: "accepted" },
      ...clinician(a, people),
      ...(a.location ? [{ actor: { display: a.location }, status: "accepted" as const }] : []),
    ],
  };
}
