import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { appointments } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { retryOnConflict } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { orgTimeZone, toZonedInputValue, zonedWallTimeToInstant } from "@/lib/time";
import { assertOnCareTeam, ClashError, findClashes, isExclusionViolation } from "./clashes";
import { tellBooked } from "./notices";
import { patientNotesDetails, patientNotesVersion } from "./patient-notes";
import type { AppointmentInput } from "./schemas";

/**
 * The occurrences of a booking: one, or a weekly series. Each occurrence keeps the wall-clock
 * time in the organisation's zone, so a 10:00 course stays at 10:00 across a clock change.
 */
export function occurrences(input: Pick<AppointmentInput, "start" | "end" | "everyWeeks" | "occurrences">) {
  if (!input.everyWeeks) return [{ start: input.start, end: input.end }];
  const zone = orgTimeZone();
  const duration = input.end.getTime() - input.start.getTime();
  const wall = toZonedInputValue(input.start, zone);
  const [date, time] = wall.split("T") as [string, string];
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return Array.from({ length: input.occurrences }, (_, i) => {
    const day = new Date(Date.UTC(y, m - 1, d + i * 7 * input.everyWeeks!));
    const start = zonedWallTimeToInstant(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
      zone,
    );
    return { start, end: new Date(start.getTime() + duration) };
  });
}

/**
 * Books one appointment or a whole series, all or nothing; a clash anywhere writes nothing. The
 * patient's instructions are in the language the form names, else the patient's own.
 */
export async function bookAppointments(
  actor: Actor,
  patientId: string,
  input: AppointmentInput,
): Promise<string[]> {
  await authorizePatient(actor, "write:appointment", patientId);
  const ranges = occurrences(input);
  const seriesId = ranges.length > 1 ? randomUUID() : null;
  try {
    return await retryOnConflict(() =>
      db().transaction(async (tx) => {
        await assertOnCareTeam(tx, patientId, input.clinicianId);
        const language =
          input.patientNotesLanguage ?? (await unsafeReadLanguageNeed(tx, patientId)).defaultLanguage;
        const notes = patientNotesVersion(input.patientNotes, language, input.patientNotesEnglish);
        const clashes = await findClashes(tx, { patientId, clinicianId: input.clinicianId, ranges });
        if (clashes.length) throw new ClashError(clashes);
        const created = await tx
          .insert(appointments)
          .values(
            ranges.map((r) => ({
              patientId,
              clinicianId: input.clinicianId,
              kind: input.kind,
              title: input.title,
              location: input.location,
              videoUrl: input.videoUrl,
              startsAt: r.start,
              endsAt: r.end,
              ...notes,
              internalNotes: input.internalNotes,
              seriesId,
              createdBy: actor.userId,
            })),
          )
          .returning({ id: appointments.id, startsAt: appointments.startsAt });
        await recordAudit(tx, actor, {
          action: "appointment.create",
          patientId,
          entityType: seriesId ? "appointment_series" : "appointment",
          entityId: seriesId ?? created[0]!.id,
          details: { appointments: created.map((c) => c.id), ...patientNotesDetails(notes) },
        });
        await tellBooked(tx, patientId, created, seriesId);
        return created.map((c) => c.id);
      }),
    );
  } catch (error) {
    // Another booking won the race between our check and our insert: the constraint refused ours.
    if (isExclusionViolation(error)) {
      throw new ClashError(await findClashes(db(), { patientId, clinicianId: input.clinicianId, ranges }));
    }
    throw error;
  }
}
