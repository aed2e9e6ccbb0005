import "server-only";
import { db, type Executor } from "@/db/client";
import { type AppointmentStatus, appointments } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";
import { ClashError, findClashes, isExclusionViolation } from "./clashes";
import { tellCancelled, tellMoved } from "./notices";
import { patientNotesDetails, patientNotesVersion } from "./patient-notes";
import { closeRequest, closeRequestOnCancel, openRequestOn } from "./request-outcomes";
import type { RescheduleInput } from "./schemas";

/** Appointments as the versioned-change helper sees them (docs/decisions/010). */
const APPOINTMENT = versionedRecord({
  table: appointments,
  entityType: "appointment",
  patientId: appointments.patientId,
});

/**
 * Moves one appointment (one occurrence of a series moves alone) and rewrites what the patient is
 * told to bring or do, on the same form: a moved fasting test needs new instructions. When asked,
 * the patient's open request to move it is closed as done, with the note they read.
 */
export async function rescheduleAppointment(
  actor: Actor,
  appointmentId: string,
  input: RescheduleInput,
): Promise<void> {
  const locked: { row?: Row<typeof appointments> } = {};
  const clashesWith = (row: Row<typeof appointments>, executor: Executor = db()) =>
    findClashes(executor, {
      patientId: row.patientId,
      clinicianId: row.clinicianId,
      ranges: [input],
      excludeIds: [appointmentId],
    });
  try {
    await changeVersioned(actor, APPOINTMENT, {
      id: appointmentId,
      version: input.version,
      permission: "write:appointment",
      audit: { action: "appointment.reschedule" },
      // The exclusion constraints can deadlock two concurrent moves: PostgreSQL breaks one, we retry it.
      retry: true,
      change: async (tx, row) => {
        locked.row = row;
        if (row.status === "cancelled" || row.status === "completed") {
          throw new DomainError(`A ${row.status} appointment cannot be moved; book a new one.`);
        }
        const clashes = await clashesWith(row, tx);
        if (clashes.length) throw new ClashError(clashes);
        if (input.closeRequest && !input.requestNote?.trim()) {
          const message = "Say what you tell the patient about their request.";
          throw new DomainError(message, { requestNote: [message] });
        }
        const open = input.closeRequest ? await openRequestOn(tx, appointmentId) : null;
        if (input.closeRequest && open?.kind !== "reschedule") {
          const message =
            "The patient's request to move it was already dealt with: untick the box to move it.";
          throw new DomainError(message, { closeRequest: [message] });
        }
        const notes = keptNotes(row, input);
        const fields = ["startsAt", "endsAt"];
        for (const field of ["patientNotes", "patientNotesLanguage", "patientNotesEnglish"] as const)
          if (notes[field] !== row[field]) fields.push(field);
        // The instructions' language is named when they changed; their words never are.
        const named = fields.length > 2 ? patientNotesDetails(notes, row.patientNotesLanguage) : {};
        return {
          set: { startsAt: input.start, endsAt: input.end, ...notes },
          details: { fields, ...named },
          after: async (after, next) => {
            await tellMoved(after, row, input.start, next);
            if (!open) return;
            await closeRequest(
              after,
              actor,
              { id: open.id, patientId: row.patientId, appointmentId },
              { outcome: "completed", note: input.requestNote!.trim(), by: "appointment.reschedule" },
            );
          },
        };
      },
    });
  } catch (error) {
    // Another booking won the race between our check and our update: the constraint refused ours.
    if (locked.row && isExclusionViolation(error)) throw new ClashError(await clashesWith(locked.row));
    throw error;
  }
}

/**
 * The instructions after a move: what the form gave, else what the appointment had. Their own
 * language stays unless the form names another; English kept from before stays only beside the
 * same Spanish instructions.
 */
function keptNotes(row: Row<typeof appointments>, input: RescheduleInput) {
  const notes = input.patientNotes === undefined ? row.patientNotes : input.patientNotes;
  const language = input.patientNotesLanguage ?? row.patientNotesLanguage;
  if (input.patientNotesEnglish !== undefined)
    return patientNotesVersion(notes, language, input.patientNotesEnglish);
  const unchanged = notes === row.patientNotes && language === row.patientNotesLanguage;
  return patientNotesVersion(notes, language, unchanged ? row.patientNotesEnglish : null);
}

/**
 * Cancels one appointment with a reason; it stays on record. A request the patient left open on
 * it is closed in the same transaction (done if they asked to cancel, otherwise closed without
 * the change), with the note for the patient, or the reason when there is none.
 */
export async function cancelAppointment(
  actor: Actor,
  appointmentId: string,
  input: { reason: string; patientNote?: string | null; version: number },
): Promise<void> {
  await changeVersioned(actor, APPOINTMENT, {
    id: appointmentId,
    version: input.version,
    permission: "write:appointment",
    audit: { action: "appointment.cancel" },
    change: async (_tx, row) => {
      if (row.status === "cancelled") throw new DomainError("This appointment is already cancelled.");
      if (row.status === "completed") throw new DomainError("A completed appointment cannot be cancelled.");
      return {
        set: { status: "cancelled" as const, cancelReason: input.reason },
        after: async (tx) => {
          await tellCancelled(tx, row);
          await closeRequestOnCancel(
            tx,
            actor,
            { id: appointmentId, patientId: row.patientId },
            input.patientNote ?? input.reason,
          );
        },
      };
    },
  });
}

/** Confirms, completes or marks a no-show. */
export async function setAppointmentStatus(
  actor: Actor,
  appointmentId: string,
  input: { status: Exclude<AppointmentStatus, "cancelled">; version: number },
): Promise<void> {
  await changeVersioned(actor, APPOINTMENT, {
    id: appointmentId,
    version: input.version,
    permission: "write:appointment",
    audit: { action: "appointment.status", details: { status: input.status } },
    change: async (_tx, row) => {
      if (row.status === "cancelled")
        throw new DomainError("A cancelled appointment keeps that status; book a new one.");
      return { set: { status: input.status } };
    },
  });
}
