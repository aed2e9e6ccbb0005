import "server-only";
import { and, asc, eq, isNull, ne, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appointments, careTeamMembers, clinicians } from "@/db/schema";
import { DomainError, pgErrorCode } from "@/lib/errors";
import { formatTimeRange } from "@/lib/time";

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

/** The exclusion constraint refused an overlapping row: another booking won the race. */
export function isExclusionViolation(error: unknown): boolean {
  return pgErrorCode(error) === "23P01";
}

/** The patient's and the clinician's bookings that overlap any of the ranges, cancelled ones aside. */
export async function findClashes(
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

/** A booking names a clinician on the patient's current care team, or none. */
export async function assertOnCareTeam(executor: Executor, patientId: string, clinicianId: string | null) {
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
