/**
 * The diary: past and upcoming visits for every patient, and the demo patient's two early physio
 * sessions. Times are wall-clock hours in the organisation's zone, on days relative to today.
 */
import type { Transaction } from "../client";
import { type AppointmentKind, appointments } from "../schema";
import type { TeamMember } from "./care-team";
import { insertChunked, orgWallTime, type Random, utcDayFrom } from "./support";

const VISITS: readonly [AppointmentKind, string, string][] = [
  ["follow-up", "Follow-up visit", "Clinic room 2"],
  ["test", "Blood work (CBC and metabolic panel)", "Lab, ground floor"],
  ["test", "CT scan of the chest", "Imaging, 2nd floor"],
  ["treatment", "Infusion", "Infusion suite, 3rd floor"],
  ["supportive-service", "Nutrition counselling", "Wellness center"],
  ["supportive-service", "Transportation assistance review", "Care management office"],
  ["telehealth", "Medication review", ""],
];

/**
 * Past and upcoming appointments for every patient, on an hourly grid relative to today, never
 * double-booking a patient or a clinician (the database would refuse it). Draws from the shared
 * stream after the care teams.
 */
export async function seedAppointments(
  tx: Transaction,
  patientsList: { id: string }[],
  team: TeamMember[],
  coordinators: { id: string }[],
  rnd: Random,
) {
  const today = new Date();
  const taken = new Set<string>();
  const teamOf = new Map<string, string[]>();
  for (const m of team) teamOf.set(m.patientId, [...(teamOf.get(m.patientId) ?? []), m.clinicianId]);
  const rows: (typeof appointments.$inferInsert)[] = [];
  patientsList.forEach((p, i) => {
    const count = rnd.int(2, 5);
    for (let j = 0; j < count; j++) {
      const [kind, title, location] = VISITS[rnd.int(0, VISITS.length - 1)]!;
      const clinicians = teamOf.get(p.id) ?? [];
      const clinicianId =
        rnd.next() < 0.8 && clinicians.length ? clinicians[rnd.int(0, clinicians.length - 1)]! : null;
      let dayOffset = rnd.int(-60, 45);
      let hour = rnd.int(8, 16);
      // Move to the next free hour (weekdays only) for both the patient and the clinician.
      for (;;) {
        const day = utcDayFrom(today, dayOffset);
        const weekday = day.getUTCDay();
        const key = `${day.toISOString().slice(0, 10)}T${hour}`;
        if (
          weekday !== 0 &&
          weekday !== 6 &&
          !taken.has(`p${p.id}${key}`) &&
          !(clinicianId && taken.has(`c${clinicianId}${key}`))
        ) {
          taken.add(`p${p.id}${key}`);
          if (clinicianId) taken.add(`c${clinicianId}${key}`);
          const start = orgWallTime(day, hour, 0);
          const minutes = kind === "treatment" ? 60 : kind === "test" ? 45 : 30;
          const past = start.getTime() < today.getTime();
          const outcome = rnd.next();
          const status = past
            ? outcome < 0.85
              ? "completed"
              : outcome < 0.93
                ? "no-show"
                : "cancelled"
            : outcome < 0.5
              ? "confirmed"
              : "scheduled";
          rows.push({
            patientId: p.id,
            clinicianId,
            kind,
            title,
            location: kind === "telehealth" ? null : location,
            videoUrl:
              kind === "telehealth" ? `https://video.carebridge.example/visit/${1000 + i * 10 + j}` : null,
            startsAt: start,
            endsAt: new Date(start.getTime() + minutes * 60_000),
            status,
            cancelReason: status === "cancelled" ? "Patient asked to rebook" : null,
            patientNotes:
              kind === "test" && title.startsWith("Blood") ? "Please fast for 8 hours before." : null,
            internalNotes: rnd.next() < 0.2 ? "Arrange interpreter." : null,
            createdBy: coordinators[i % coordinators.length]!.id,
          });
          break;
        }
        hour += 1;
        if (hour > 16) {
          hour = 8;
          dayOffset += 1;
        }
      }
    }
  });
  await insertChunked(rows, 2000, (chunk) => tx.insert(appointments).values(chunk));
}

/** Two more weekly physiotherapy visits ahead for the demo patient, early, before clinic hours. */
export async function seedDemoPhysio(tx: Transaction, patient: { id: string }, coordinator: { id: string }) {
  const today = new Date();
  await tx.insert(appointments).values(
    [9, 16].map((ahead) => {
      const start = orgWallTime(utcDayFrom(today, ahead), 7, 0);
      return {
        patientId: patient.id,
        kind: "supportive-service" as const,
        title: "Physiotherapy session",
        location: "Springfield Rehab, second floor",
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 60_000),
        patientNotes: "Wear comfortable shoes.",
        createdBy: coordinator.id,
      };
    }),
  );
}
