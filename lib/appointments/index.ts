import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, isNull, lt, ne, notInArray, or, type SQL, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { type AppointmentStatus, appointments, careTeamMembers, clinicians } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";
import { DomainError, NotFoundError, pgErrorCode, retryOnConflict, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { formatTimeRange, orgTimeZone, toZonedInputValue, zonedWallTimeToInstant } from "@/lib/time";
import { userName } from "@/lib/users/name";
import type { AppointmentInput } from "./schemas";

export * from "./schemas";

export interface Clash {
  startsAt: Date;
  endsAt: Date;
  /** "patient": the patient is already booked; "clinician": the clinician is, possibly with someone else. */
  with: "patient" | "clinician";
  /** Shown only for the patient's own appointments: another patient's booking stays private. */
  title: string | null;
  clinicianName: string | null;
}

/** The booking overlaps others: nothing was written. */
export class ClashError extends DomainError {
  constructor(readonly clashes: Clash[]) {
    super(
      clashes.length === 1
        ? "That time clashes with another appointment. Nothing was booked."
        : `That booking clashes with ${clashes.length} other appointments. Nothing was booked.`,
      { startsAt: ["Choose a time that does not overlap."] },
      clashes.map(describeClash),
    );
    this.name = "ClashError";
  }
}

/** One line per clash, for the person booking. */
function describeClash(c: Clash): string {
  return c.with === "patient"
    ? `The patient already has "${c.title}" ${formatTimeRange(c.startsAt, c.endsAt)}${c.clinicianName ? ` with ${c.clinicianName}` : ""}.`
    : `${c.clinicianName} is already booked ${formatTimeRange(c.startsAt, c.endsAt)}.`;
}

function isExclusionViolation(error: unknown): boolean {
  return pgErrorCode(error) === "23P01";
}

async function findClashes(
  executor: Executor,
  q: {
    patientId: string;
    clinicianId: string | null;
    ranges: { start: Date; end: Date }[];
    excludeIds?: string[];
  },
): Promise<Clash[]> {
  if (q.ranges.length === 0) return [];
  const overlaps = or(
    ...q.ranges.map(
      (r) =>
        sql`tstzrange(${appointments.startsAt}, ${appointments.endsAt}, '[)') && tstzrange(${r.start.toISOString()}::timestamptz, ${r.end.toISOString()}::timestamptz, '[)')`,
    ),
  )!;
  const who = q.clinicianId
    ? or(eq(appointments.patientId, q.patientId), eq(appointments.clinicianId, q.clinicianId))!
    : eq(appointments.patientId, q.patientId);
  const conditions: SQL[] = [ne(appointments.status, "cancelled"), who, overlaps];
  if (q.excludeIds?.length) conditions.push(notInArray(appointments.id, q.excludeIds));
  const rows = await executor
    .select({
      patientId: appointments.patientId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      title: appointments.title,
      clinicianName: clinicians.name,
    })
    .from(appointments)
    .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
    .where(and(...conditions))
    .orderBy(asc(appointments.startsAt))
    .limit(50);
  return rows.map((r) =>
    r.patientId === q.patientId
      ? {
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          with: "patient",
          title: r.title,
          clinicianName: r.clinicianName,
        }
      : {
          startsAt: r.startsAt,
          endsAt: r.endsAt,
          with: "clinician",
          title: null,
          clinicianName: r.clinicianName,
        },
  );
}

async function assertOnCareTeam(executor: Executor, patientId: string, clinicianId: string | null) {
  if (!clinicianId) return;
  const [member] = await executor
    .select({ id: careTeamMembers.id })
    .from(careTeamMembers)
    .where(
      and(
        eq(careTeamMembers.patientId, patientId),
        eq(careTeamMembers.clinicianId, clinicianId),
        isNull(careTeamMembers.archivedAt),
      ),
    );
  if (!member) {
    throw new DomainError("Choose someone on this patient's care team.", {
      clinicianId: ["Choose someone on this patient's care team."],
    });
  }
}

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

/** Books one appointment or a whole series, all or nothing; a clash anywhere writes nothing. */
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
              patientNotes: input.patientNotes,
              internalNotes: input.internalNotes,
              seriesId,
              createdBy: actor.userId,
            })),
          )
          .returning({ id: appointments.id });
        await recordAudit(tx, actor, {
          action: "appointment.create",
          patientId,
          entityType: seriesId ? "appointment_series" : "appointment",
          entityId: seriesId ?? created[0]!.id,
          details: { appointments: created.map((c) => c.id) },
        });
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

async function loadForWrite(actor: Actor, appointmentId: string) {
  const [row] = await db()
    .select({ patientId: appointments.patientId })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  if (!row) throw new NotFoundError();
  await authorizePatient(actor, "write:appointment", row.patientId);
  return row.patientId;
}

async function lockVersion(tx: Executor, appointmentId: string, version: number) {
  const [row] = await tx
    .select({
      version: appointments.version,
      status: appointments.status,
      clinicianId: appointments.clinicianId,
      patientId: appointments.patientId,
      updatedBy: appointments.updatedBy,
    })
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for("update");
  if (!row) throw new NotFoundError();
  if (row.version !== version) throw new StaleVersionError(await userName(tx, row.updatedBy));
  return row;
}

/** Moves one appointment (one occurrence of a series moves alone). */
export async function rescheduleAppointment(
  actor: Actor,
  appointmentId: string,
  input: { start: Date; end: Date; version: number },
): Promise<void> {
  const patientId = await loadForWrite(actor, appointmentId);
  let clinicianId: string | null = null;
  try {
    await retryOnConflict(() =>
      db().transaction(async (tx) => {
        const row = await lockVersion(tx, appointmentId, input.version);
        clinicianId = row.clinicianId;
        if (row.status === "cancelled" || row.status === "completed") {
          throw new DomainError(`A ${row.status} appointment cannot be moved; book a new one.`);
        }
        const clashes = await findClashes(tx, {
          patientId,
          clinicianId: row.clinicianId,
          ranges: [input],
          excludeIds: [appointmentId],
        });
        if (clashes.length) throw new ClashError(clashes);
        await tx
          .update(appointments)
          .set({
            startsAt: input.start,
            endsAt: input.end,
            version: sql`${appointments.version} + 1`,
            updatedAt: sql`now()`,
            updatedBy: actor.userId,
          })
          .where(eq(appointments.id, appointmentId));
        await recordAudit(tx, actor, {
          action: "appointment.reschedule",
          patientId,
          entityType: "appointment",
          entityId: appointmentId,
          details: { fields: ["startsAt", "endsAt"] },
        });
      }),
    );
  } catch (error) {
    if (isExclusionViolation(error)) {
      throw new ClashError(
        await findClashes(db(), { patientId, clinicianId, ranges: [input], excludeIds: [appointmentId] }),
      );
    }
    throw error;
  }
}

/** Cancels one appointment with a reason; it stays on record. */
export async function cancelAppointment(
  actor: Actor,
  appointmentId: string,
  input: { reason: string; version: number },
): Promise<void> {
  const patientId = await loadForWrite(actor, appointmentId);
  await db().transaction(async (tx) => {
    const row = await lockVersion(tx, appointmentId, input.version);
    if (row.status === "cancelled") throw new DomainError("This appointment is already cancelled.");
    if (row.status === "completed") throw new DomainError("A completed appointment cannot be cancelled.");
    await tx
      .update(appointments)
      .set({
        status: "cancelled",
        cancelReason: input.reason,
        version: sql`${appointments.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actor.userId,
      })
      .where(eq(appointments.id, appointmentId));
    await recordAudit(tx, actor, {
      action: "appointment.cancel",
      patientId,
      entityType: "appointment",
      entityId: appointmentId,
    });
  });
}

/** Confirms, completes or marks a no-show. */
export async function setAppointmentStatus(
  actor: Actor,
  appointmentId: string,
  input: { status: Exclude<AppointmentStatus, "cancelled">; version: number },
): Promise<void> {
  const patientId = await loadForWrite(actor, appointmentId);
  await db().transaction(async (tx) => {
    const row = await lockVersion(tx, appointmentId, input.version);
    if (row.status === "cancelled")
      throw new DomainError("A cancelled appointment keeps that status; book a new one.");
    await tx
      .update(appointments)
      .set({
        status: input.status,
        version: sql`${appointments.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: actor.userId,
      })
      .where(eq(appointments.id, appointmentId));
    await recordAudit(tx, actor, {
      action: "appointment.status",
      patientId,
      entityType: "appointment",
      entityId: appointmentId,
      details: { status: input.status },
    });
  });
}

export interface AppointmentItem {
  id: string;
  kind: string;
  title: string;
  clinicianName: string | null;
  location: string | null;
  videoUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  cancelReason: string | null;
  patientNotes: string | null;
  /** Null unless the reader may see staff-only notes. */
  internalNotes: string | null;
  inSeries: boolean;
  version: number;
}

export interface PatientAppointments {
  patient: PatientHeader;
  upcoming: AppointmentItem[];
  past: AppointmentItem[];
  careTeam: { id: string; name: string; discipline: string }[];
  canWrite: boolean;
}

/** A patient's appointments, upcoming first; staff-only notes only for staff. */
export async function listPatientAppointments(actor: Actor, patientId: string): Promise<PatientAppointments> {
  const access = await authorizePatient(actor, "read:appointment", patientId);
  const staffNotes = can(actor, "read:teamNotes", access);
  const database = db();
  const columns = {
    id: appointments.id,
    kind: appointments.kind,
    title: appointments.title,
    clinicianName: clinicians.name,
    location: appointments.location,
    videoUrl: appointments.videoUrl,
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    status: appointments.status,
    cancelReason: appointments.cancelReason,
    patientNotes: appointments.patientNotes,
    internalNotes: appointments.internalNotes,
    seriesId: appointments.seriesId,
    version: appointments.version,
  };
  const base = () =>
    database
      .select(columns)
      .from(appointments)
      .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId));
  const [patient, upcoming, past, careTeam] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    base()
      .where(and(eq(appointments.patientId, patientId), gte(appointments.endsAt, sql`now()`)))
      .orderBy(asc(appointments.startsAt))
      .limit(200),
    base()
      .where(and(eq(appointments.patientId, patientId), lt(appointments.endsAt, sql`now()`)))
      .orderBy(desc(appointments.startsAt))
      .limit(100),
    database
      .select({ id: clinicians.id, name: clinicians.name, discipline: clinicians.discipline })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
      .orderBy(asc(clinicians.name)),
  ]);
  await recordAudit(database, actor, {
    action: "appointment.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  const toItem = (r: (typeof upcoming)[number]): AppointmentItem => ({
    ...r,
    internalNotes: staffNotes ? r.internalNotes : null,
    inSeries: r.seriesId !== null,
  });
  return {
    patient,
    upcoming: upcoming.map(toItem),
    past: past.map(toItem),
    careTeam,
    canWrite: can(actor, "write:appointment", access),
  };
}
