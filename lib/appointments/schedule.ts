import "server-only";
import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { appointments, careTeamMembers, clinicians, patients } from "@/db/schema";
import { type Actor, authorizeGlobal, caseloadPatientIds } from "@/lib/authz";
import { recordReadAudits } from "@/lib/records/read-audit";
import { addDaysIso, orgTimeZone, zonedDate, zonedDayStart } from "@/lib/time";

export const ScheduleQuerySchema = z.object({
  date: z.iso.date().optional().catch(undefined),
  view: z.enum(["week", "day"]).default("week").catch("week"),
  clinician: z.uuid().optional().catch(undefined),
});
export type ScheduleQuery = z.infer<typeof ScheduleQuerySchema>;

export interface ScheduleItem {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  clinicianName: string | null;
  /** Null when the appointment belongs to a patient outside the reader's caseload: shown as busy. */
  patient: { id: string; name: string } | null;
  title: string | null;
  kind: string | null;
}

export interface ScheduleDay {
  date: string;
  items: ScheduleItem[];
}

export interface Schedule {
  view: "week" | "day";
  /** The day the page is about (ISO date in the organisation's zone). */
  date: string;
  today: string;
  previous: string;
  next: string;
  days: ScheduleDay[];
  clinician: { id: string; name: string } | null;
  /** The clinicians on the caseload's care teams, for the filter. */
  clinicianOptions: { id: string; name: string; discipline: string }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday of the week an ISO date falls in. */
export function weekStart(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDaysIso(isoDate, -((weekday + 6) % 7));
}

/**
 * A week (Monday to Sunday) or one day of appointments in the organisation's zone: the
 * actor's caseload, or one clinician's bookings (other patients' shown only as busy). Without
 * `withClinicianOptions` the clinician filter's options are left empty unless a clinician was
 * asked for. (The dashboard reads its own few rows of the week: weekAheadPanel, week-ahead.ts.)
 */
export async function getSchedule(
  actor: Actor,
  query: ScheduleQuery,
  { withClinicianOptions = true }: { withClinicianOptions?: boolean } = {},
): Promise<Schedule> {
  await authorizeGlobal(actor, "read:schedule");
  const zone = orgTimeZone();
  const today = zonedDate(new Date());
  const date = query.date ?? today;
  const first = query.view === "week" ? weekStart(date) : date;
  const dayCount = query.view === "week" ? 7 : 1;
  const from = zonedDayStart(first, 0, zone);
  const to = zonedDayStart(first, dayCount, zone);
  const database = db();

  const myPatients = caseloadPatientIds(actor.userId);

  const listClinicians = () =>
    database
      .selectDistinct({ id: clinicians.id, name: clinicians.name, discipline: clinicians.discipline })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(and(inArray(careTeamMembers.patientId, myPatients), isNull(careTeamMembers.archivedAt)))
      .orderBy(asc(clinicians.name));
  const readAppointments = (clinician: { id: string } | null) =>
    database
      .select({
        id: appointments.id,
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        status: appointments.status,
        title: appointments.title,
        kind: appointments.kind,
        clinicianName: clinicians.name,
        patientId: patients.id,
        givenName: patients.givenName,
        familyName: patients.familyName,
        mine: sql<boolean>`${appointments.patientId} in (${myPatients})`,
      })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .leftJoin(clinicians, eq(clinicians.id, appointments.clinicianId))
      .where(
        and(
          gte(appointments.endsAt, from),
          // Implied by the line above, as no appointment lasts a day (appointments_shorter_than_a_day):
          // it bounds the index's range on starts_at to the week, not every earlier appointment.
          gt(appointments.startsAt, new Date(from.getTime() - DAY_MS)),
          lt(appointments.startsAt, to),
          clinician
            ? eq(appointments.clinicianId, clinician.id)
            : inArray(appointments.patientId, myPatients),
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .limit(2000);

  // A clinician asked for must be on the care team of someone in the caseload before their
  // bookings are read; without one, the caseload's week and the filter's options are read together.
  let clinicianOptions: Schedule["clinicianOptions"] = [];
  let clinician: Schedule["clinicianOptions"][number] | null = null;
  let rows: Awaited<ReturnType<typeof readAppointments>>;
  if (query.clinician) {
    clinicianOptions = await listClinicians();
    clinician = clinicianOptions.find((c) => c.id === query.clinician) ?? null;
    rows = await readAppointments(clinician);
  } else {
    [clinicianOptions, rows] = await Promise.all([
      withClinicianOptions ? listClinicians() : [],
      readAppointments(null),
    ]);
  }

  const days: ScheduleDay[] = Array.from({ length: dayCount }, (_, i) => ({
    date: addDaysIso(first, i),
    items: [],
  }));
  for (const r of rows) {
    const day = days.find((d) => d.date === zonedDate(r.startsAt));
    if (!day) continue;
    day.items.push({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status,
      clinicianName: r.clinicianName,
      patient: r.mine ? { id: r.patientId, name: `${r.familyName}, ${r.givenName}` } : null,
      title: r.mine ? r.title : null,
      kind: r.mine ? r.kind : null,
    });
  }
  await recordReadAudits(actor, [
    {
      action: "schedule.view",
      details: { view: query.view, from: first, clinician: clinician?.id ?? null, shown: rows.length },
    },
  ]);
  const step = query.view === "week" ? 7 : 1;
  return {
    view: query.view,
    date: first,
    today,
    previous: addDaysIso(first, -step),
    next: addDaysIso(first, step),
    days,
    clinician: clinician ? { id: clinician.id, name: clinician.name } : null,
    clinicianOptions,
  };
}
