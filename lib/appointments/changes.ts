import "server-only";
import { db, type Executor } from "@/db/client";
import { type AppointmentStatus, appointments } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";
import { ClashError, findClashes, isExclusionViolation } from "./clashes";

/** Appointments as the versioned-change helper sees them (docs/decisions/010). */
const APPOINTMENT = versionedRecord({
  table: appointments,
  entityType: "appointment",
  patientId: appointments.patientId,
});

/** Moves one appointment (one occurrence of a series moves alone). */
export async function rescheduleAppointment(
  actor: Actor,
  appointmentId: string,
  input: { start: Date; end: Date; version: number },
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
      audit: { action: "appointment.reschedule", details: { fields: ["startsAt", "endsAt"] } },
      // The exclusion constraints can deadlock two concurrent moves: PostgreSQL breaks one, we retry it.
      retry: true,
      change: async (tx, row) => {
        locked.row = row;
        if (row.status === "cancelled" || row.status === "completed") {
          throw new DomainError(`A ${row.status} appointment cannot be moved; book a new one.`);
        }
        const clashes = await clashesWith(row, tx);
        if (clashes.length) throw new ClashError(clashes);
        return { set: { startsAt: input.start, endsAt: input.end } };
      },
    });
  } catch (error) {
    // Another booking won the race between our check and our update: the constraint refused ours.
    if (locked.row && isExclusionViolation(error)) throw new ClashError(await clashesWith(locked.row));
    throw error;
  }
}

/** Cancels one appointment with a reason; it stays on record. */
export async function cancelAppointment(
  actor: Actor,
  appointmentId: string,
  input: { reason: string; version: number },
): Promise<void> {
  await changeVersioned(actor, APPOINTMENT, {
    id: appointmentId,
    version: input.version,
    permission: "write:appointment",
    audit: { action: "appointment.cancel" },
    change: async (_tx, row) => {
      if (row.status === "cancelled") throw new DomainError("This appointment is already cancelled.");
      if (row.status === "completed") throw new DomainError("A completed appointment cannot be cancelled.");
      return { set: { status: "cancelled" as const, cancelReason: input.reason } };
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
