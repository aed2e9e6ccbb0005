import "server-only";
import { and, asc, eq, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";
import { appointments, patients } from "@/db/schema";
import { type Actor, caseloadPatientIds } from "@/lib/authz";
import type { Panel } from "@/lib/records/read-panels";
import { groupParts, listOf, mapPart, oneOf } from "@/lib/records/read-together";
import { zonedDate, zonedDayStart } from "@/lib/time";
import { weekStart } from "./schedule";

/** One booked appointment of the caseload, as the dashboard lists it. */
export interface AppointmentGlance {
  id: string;
  startsAt: Date;
  title: string | null;
  patient: { id: string; name: string };
}

/** The rest of the week for the dashboard: today's appointments and the days after, to Sunday. */
export interface WeekAhead {
  today: AppointmentGlance[];
  todayTotal: number;
  later: AppointmentGlance[];
  laterTotal: number;
}

/** How many of each list the dashboard shows; the totals count them all. */
export const WEEK_AHEAD_SHOWN = 8;

const booked = (actor: Actor, from: Date, to: Date): SQL =>
  and(
    inArray(appointments.patientId, caseloadPatientIds(actor.userId)),
    ne(appointments.status, "cancelled"),
    gte(appointments.startsAt, from),
    lt(appointments.startsAt, to),
  )!;

/** The first few booked from `from` to `to`, soonest first, each with the patient's name. */
function bookedList(actor: Actor, from: Date, to: Date) {
  const rows = listOf(
    {
      id: appointments.id,
      startsAt: appointments.startsAt,
      title: appointments.title,
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
    },
    (q) =>
      q
        .from(appointments)
        .innerJoin(patients, eq(patients.id, appointments.patientId))
        .where(booked(actor, from, to))
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(WEEK_AHEAD_SHOWN),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      title: r.title,
      patient: { id: r.patientId, name: `${r.familyName}, ${r.givenName}` },
    })),
  );
}

/**
 * The caseload's appointments not cancelled from today to the end of the week (Monday to Sunday
 * in the organisation's zone), as a panel of the dashboard's one statement: the first few of
 * today and of the days after, and how many there are. Audited as the schedule's week is
 * ("schedule.view"), with how many appointments the panel shows.
 */
export function weekAheadPanel(actor: Actor, now: Date = new Date()): Panel<WeekAhead> {
  const today = zonedDate(now);
  const monday = weekStart(today);
  const [todayStart, tomorrow, weekEnd] = [
    zonedDayStart(today),
    zonedDayStart(today, 1),
    zonedDayStart(monday, 7),
  ];
  const part = groupParts({
    today: bookedList(actor, todayStart, tomorrow),
    later: bookedList(actor, tomorrow, weekEnd),
    totals: oneOf(
      {
        today: sql<number>`count(*) filter (where ${lt(appointments.startsAt, tomorrow)})`.mapWith(Number),
        later: sql<number>`count(*) filter (where ${gte(appointments.startsAt, tomorrow)})`.mapWith(Number),
      },
      (q) => q.from(appointments).where(booked(actor, todayStart, weekEnd)),
    ),
  });
  return {
    permission: "read:schedule",
    part: mapPart(part, ({ totals, ...lists }) => ({
      today: lists.today,
      todayTotal: totals?.today ?? 0,
      later: lists.later,
      laterTotal: totals?.later ?? 0,
    })),
    audit: (week) => ({
      action: "schedule.view",
      details: { view: "week", from: monday, clinician: null, shown: week.today.length + week.later.length },
    }),
  };
}
