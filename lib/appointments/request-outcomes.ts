import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import {
  type AppointmentRequestKind,
  type AppointmentRequestOutcome,
  appointmentRequests,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { tellRequestHandled } from "./notices";
import type { HandleRequestInput } from "./request-schemas";

/** The request left open on an appointment, if any (one at most: the patient asks once at a time). */
export async function openRequestOn(
  tx: Transaction,
  appointmentId: string,
): Promise<{ id: string; kind: AppointmentRequestKind } | null> {
  const [open] = await tx
    .select({ id: appointmentRequests.id, kind: appointmentRequests.kind })
    .from(appointmentRequests)
    .where(and(eq(appointmentRequests.appointmentId, appointmentId), isNull(appointmentRequests.handledAt)))
    .for("update");
  return open ?? null;
}

/**
 * Closes one open request with its outcome and the note the patient and family read, audited and
 * told to them, in the caller's transaction. False when someone else closed it first.
 */
export async function closeRequest(
  tx: Transaction,
  actor: Actor,
  request: { id: string; patientId: string; appointmentId: string },
  input: { outcome: AppointmentRequestOutcome; note: string; by?: string },
): Promise<boolean> {
  const [row] = await tx
    .update(appointmentRequests)
    .set({ handledAt: sql`now()`, handledBy: actor.userId, handledNote: input.note, outcome: input.outcome })
    .where(and(eq(appointmentRequests.id, request.id), isNull(appointmentRequests.handledAt)))
    .returning({ id: appointmentRequests.id });
  if (!row) return false;
  await recordAudit(tx, actor, {
    action: "appointment.change-request-done",
    patientId: request.patientId,
    entityType: "appointment",
    entityId: request.appointmentId,
    details: { request: request.id, outcome: input.outcome, ...(input.by ? { by: input.by } : {}) },
  });
  await tellRequestHandled(tx, request, actor.userId);
  return true;
}

/**
 * What the open request on an appointment becomes when the appointment itself is cancelled: a
 * request to cancel was carried out; a request to move no longer applies. Closed in the caller's
 * transaction with the note the patient reads.
 */
export async function closeRequestOnCancel(
  tx: Transaction,
  actor: Actor,
  appointment: { id: string; patientId: string },
  note: string,
): Promise<void> {
  const open = await openRequestOn(tx, appointment.id);
  if (!open) return;
  await closeRequest(
    tx,
    actor,
    { id: open.id, patientId: appointment.patientId, appointmentId: appointment.id },
    { outcome: open.kind === "cancel" ? "completed" : "cancelled", note, by: "appointment.cancel" },
  );
}

/** The coordinator closes a patient's request: done, declined (the note says why) or cancelled. */
export async function handleChangeRequest(
  actor: Actor,
  requestId: string,
  input: HandleRequestInput,
): Promise<void> {
  const [found] = await db()
    .select({ patientId: appointmentRequests.patientId, appointmentId: appointmentRequests.appointmentId })
    .from(appointmentRequests)
    .where(eq(appointmentRequests.id, requestId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:appointment", found.patientId);
  await db().transaction(async (tx) => {
    const closed = await closeRequest(tx, actor, { id: requestId, ...found }, input);
    if (!closed) throw new DomainError("This request was already dealt with.");
  });
}
