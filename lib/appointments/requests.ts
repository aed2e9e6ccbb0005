import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import {
  APPOINTMENT_REQUEST_KINDS,
  type AppointmentRequestKind,
  appointmentRequests,
  appointments,
  clinicians,
  patients,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  can,
  caseloadPatientIds,
} from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Messages } from "@/lib/i18n/messages";

export { APPOINTMENT_REQUEST_KINDS, type AppointmentRequestKind };
export const AppointmentIdSchema = z.uuid();
export const AppointmentRequestIdSchema = z.uuid();

export function changeRequestSchema(t: Messages) {
  return z.object({
    kind: z.enum(APPOINTMENT_REQUEST_KINDS, { error: t.appointmentRequest.errors.kind }),
    reason: z
      .string({ error: t.appointmentRequest.errors.reason })
      .trim()
      .min(3, { error: t.appointmentRequest.errors.reason })
      .max(1000, { error: t.errors.tooLong(1000) }),
    preferredTimes: z
      .string()
      .trim()
      .max(500, { error: t.errors.tooLong(500) })
      .optional()
      .transform((v) => v || null),
  });
}
export const CompleteRequestSchema = z.object({
  note: z
    .string({ error: "Say what you did, e.g. 'Moved to Thursday 10:00; told her by phone.'" })
    .trim()
    .min(3, { error: "Say what you did, e.g. 'Moved to Thursday 10:00; told her by phone.'" })
    .max(1000, { error: "Keep this under 1,000 characters." }),
});

export type ChangeRequestInput = z.infer<ReturnType<typeof changeRequestSchema>>;

export interface OpenRequest {
  id: string;
  kind: AppointmentRequestKind;
  reason: string;
  preferredTimes: string | null;
  requestedAt: Date;
}

export interface MyAppointment {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  location: string | null;
  videoUrl: string | null;
  patientNotes: string | null;
  clinicianName: string | null;
  upcoming: boolean;
  openRequest: OpenRequest | null;
  canRequestChange: boolean;
}

const requestColumns = {
  id: appointmentRequests.id,
  kind: appointmentRequests.kind,
  reason: appointmentRequests.reason,
  preferredTimes: appointmentRequests.preferredTimes,
  requestedAt: appointmentRequests.requestedAt,
};

/** One appointment as the patient and family see it, with any change the patient asked for. */
export async function getMyAppointment(
  actor: Actor,
  patientId: string,
  appointmentId: string,
): Promise<MyAppointment> {
  const access = await authorizePatient(actor, "read:appointment:portal", patientId);
  const database = db();
  const [row] = await database
    .select({
      id: appointments.id,
      title: appointments.title,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      location: appointments.location,
      videoUrl: appointments.videoUrl,
      patientNotes: appointments.patientNotes,
      clinicianName: clinicians.name,
      openRequest: sql<OpenRequest | null>`(select json_build_object('id', r.id, 'kind', r.kind, 'reason', r.reason, 'preferredTimes', r.preferred_times, 'requestedAt', r.requested_at)
        from ${appointmentRequests} r where r.appointment_id = ${appointments.id} and r.handled_at is null
        order by r.requested_at desc limit 1)`,
    })
    .from(appointments)
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(and(eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)));
  if (!row) throw new NotFoundError();
  await recordAudit(database, actor, {
    action: can(actor, "read:profile:portal", access) ? "appointment.read" : "portal.family-read",
    patientId,
    entityType: "appointment",
    entityId: appointmentId,
  });
  const upcoming =
    row.startsAt.getTime() > Date.now() && (row.status === "scheduled" || row.status === "confirmed");
  const openRequest = row.openRequest
    ? { ...row.openRequest, requestedAt: new Date(row.openRequest.requestedAt) }
    : null;
  return {
    ...row,
    openRequest,
    upcoming,
    canRequestChange:
      upcoming && openRequest === null && can(actor, "request:appointmentChange:portal", access),
  };
}

/**
 * The patient asks to move or cancel an upcoming appointment, with a reason: a task for their
 * coordinator, who makes the change. One open request per appointment.
 */
export async function requestAppointmentChange(
  actor: Actor,
  patientId: string,
  appointmentId: string,
  input: ChangeRequestInput,
  t: Messages,
): Promise<string> {
  await authorizePatient(actor, "request:appointmentChange:portal", patientId);
  return db().transaction(async (tx) => {
    const [appointment] = await tx
      .select({ status: appointments.status, startsAt: appointments.startsAt })
      .from(appointments)
      .where(and(eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)))
      .for("update");
    if (!appointment) throw new NotFoundError();
    if (
      appointment.startsAt.getTime() <= Date.now() ||
      (appointment.status !== "scheduled" && appointment.status !== "confirmed")
    )
      throw new DomainError(t.appointmentRequest.errors.notUpcoming);
    const [open] = await tx
      .select({ id: appointmentRequests.id })
      .from(appointmentRequests)
      .where(
        and(eq(appointmentRequests.appointmentId, appointmentId), isNull(appointmentRequests.handledAt)),
      );
    if (open) throw new DomainError(t.appointmentRequest.errors.alreadyAsked);
    const [row] = await tx
      .insert(appointmentRequests)
      .values({ ...input, appointmentId, patientId, requestedBy: actor.userId })
      .returning({ id: appointmentRequests.id });
    await recordAudit(tx, actor, {
      action: "appointment.change-request",
      patientId,
      entityType: "appointment",
      entityId: appointmentId,
      details: { kind: input.kind },
    });
    return row!.id;
  });
}

export interface CoordinatorTask extends OpenRequest {
  patientId: string;
  patientName: string;
  appointmentId: string;
  appointmentTitle: string;
  appointmentStartsAt: Date;
  requestedByName: string;
}

function taskQuery() {
  return db()
    .select({
      ...requestColumns,
      patientId: appointmentRequests.patientId,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      appointmentId: appointments.id,
      appointmentTitle: appointments.title,
      appointmentStartsAt: appointments.startsAt,
      requestedByName: users.name,
    })
    .from(appointmentRequests)
    .innerJoin(appointments, eq(appointments.id, appointmentRequests.appointmentId))
    .innerJoin(patients, eq(patients.id, appointmentRequests.patientId))
    .innerJoin(users, eq(users.id, appointmentRequests.requestedBy));
}

/** The coordinator's tasks: open requests from patients in their caseload, oldest first. */
export async function listChangeRequestsForCaseload(actor: Actor, limit = 20): Promise<CoordinatorTask[]> {
  await authorizeGlobal(actor, "list:caseload");
  // Advocates share the dashboard but do not move appointments: their list is empty, not refused.
  if (!allowsGlobal(actor.role, "handle:appointmentChangeRequests")) return [];
  return taskQuery()
    .where(
      and(
        isNull(appointmentRequests.handledAt),
        inArray(appointmentRequests.patientId, caseloadPatientIds(actor.userId)),
      ),
    )
    .orderBy(asc(appointmentRequests.requestedAt))
    .limit(limit);
}

/** Open requests for one patient, on the coordinator's appointments page. */
export async function listPatientChangeRequests(actor: Actor, patientId: string): Promise<CoordinatorTask[]> {
  const access = await authorizePatient(actor, "read:appointment", patientId);
  if (!can(actor, "write:appointment", access)) return [];
  return taskQuery()
    .where(and(eq(appointmentRequests.patientId, patientId), isNull(appointmentRequests.handledAt)))
    .orderBy(desc(appointmentRequests.requestedAt));
}

/** The coordinator made the change (or could not): the request is closed with what was done. */
export async function completeChangeRequest(actor: Actor, requestId: string, note: string): Promise<void> {
  const [found] = await db()
    .select({ patientId: appointmentRequests.patientId, appointmentId: appointmentRequests.appointmentId })
    .from(appointmentRequests)
    .where(eq(appointmentRequests.id, requestId));
  if (!found) throw new NotFoundError();
  await authorizePatient(actor, "write:appointment", found.patientId);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(appointmentRequests)
      .set({ handledAt: sql`now()`, handledBy: actor.userId, handledNote: note })
      .where(and(eq(appointmentRequests.id, requestId), isNull(appointmentRequests.handledAt)))
      .returning({ id: appointmentRequests.id });
    if (!row) throw new DomainError("This request was already dealt with.");
    await recordAudit(tx, actor, {
      action: "appointment.change-request-done",
      patientId: found.patientId,
      entityType: "appointment",
      entityId: found.appointmentId,
    });
  });
}
