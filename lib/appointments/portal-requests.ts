import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  type AppointmentRequestKind,
  type AppointmentRequestOutcome,
  appointmentRequests,
  appointments,
  clinicians,
  type WrittenLanguage,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Messages } from "@/lib/i18n/messages";
import type { ChangeRequestInput } from "./request-schemas";

export interface OpenRequest {
  id: string;
  kind: AppointmentRequestKind;
  reason: string;
  preferredTimes: string | null;
  requestedAt: Date;
}

/** A request that was dealt with: what became of it and the coordinator's why, as written. */
export interface RequestOutcome {
  id: string;
  kind: AppointmentRequestKind;
  outcome: AppointmentRequestOutcome;
  note: string;
  requestedAt: Date;
  handledAt: Date;
}

export interface MyAppointment {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  location: string | null;
  videoUrl: string | null;
  /** What to bring or do, as written, in `patientNotesLanguage`, with the English beside Spanish ones. */
  patientNotes: string | null;
  patientNotesLanguage: WrittenLanguage;
  patientNotesEnglish: string | null;
  clinicianName: string | null;
  upcoming: boolean;
  openRequest: OpenRequest | null;
  /** The requests about it that were dealt with, newest first. */
  outcomes: RequestOutcome[];
  canRequestChange: boolean;
}

export const requestColumns = {
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
      patientNotesLanguage: appointments.patientNotesLanguage,
      patientNotesEnglish: appointments.patientNotesEnglish,
      clinicianName: clinicians.name,
      openRequest: sql<OpenRequest | null>`(select json_build_object('id', r.id, 'kind', r.kind, 'reason', r.reason, 'preferredTimes', r.preferred_times, 'requestedAt', r.requested_at)
        from ${appointmentRequests} r where r.appointment_id = ${appointments.id} and r.handled_at is null
        order by r.requested_at desc limit 1)`,
      outcomes: sql<
        RequestOutcome[]
      >`coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'outcome', r.outcome, 'note', r.handled_note, 'requestedAt', r.requested_at, 'handledAt', r.handled_at) order by r.handled_at desc)
        from ${appointmentRequests} r where r.appointment_id = ${appointments.id} and r.handled_at is not null), '[]'::json)`,
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
  const outcomes = row.outcomes.map((o) => ({
    ...o,
    requestedAt: new Date(o.requestedAt),
    handledAt: new Date(o.handledAt),
  }));
  return {
    ...row,
    openRequest,
    outcomes,
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
