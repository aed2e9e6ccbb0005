import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import {
  carePlanInterventions,
  carePlans,
  caseloadAssignments,
  clinicians,
  patients,
  users,
} from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { type Panel, readPanel, worklistPanel } from "@/lib/records/read-panels";
import { groupParts, listOf, mapPart } from "@/lib/records/read-together";
import { zonedDate } from "@/lib/time";

export interface CarePlanWorklist {
  dueForReviewTotal: number;
  overdueTotal: number;
  dueForReview: {
    planId: string;
    title: string;
    reviewDate: string;
    patientId: string;
    patientName: string;
  }[];
  overdue: {
    id: string;
    description: string;
    dueDate: string;
    ownerName: string | null;
    patientId: string;
    patientName: string;
  }[];
}

/** For the dashboard: active plans past their review date and interventions past due, in the caseload. */
export async function getCarePlanWorklist(actor: Actor, limit = 8): Promise<CarePlanWorklist> {
  return readPanel(actor, carePlanWorklistPanel(actor, limit));
}

/** The same, as a panel of the dashboard's one statement: the first `limit` of each, and totals. */
export function carePlanWorklistPanel(actor: Actor, limit = 8): Panel<CarePlanWorklist> {
  return worklistPanel("list:caseload", "care-plan.worklist", carePlanWorklistPart(actor, limit), (list) =>
    [...list.dueForReview, ...list.overdue].map((row) => row.patientId),
  );
}

function carePlanWorklistPart(actor: Actor, limit: number) {
  const today = zonedDate();
  const inCaseload = inCurrentCaseload(actor.userId);
  const patientName = sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`;
  // How many there are in all, beside the first few listed.
  const total = sql<number>`count(*) over ()`.mapWith(Number);
  const parts = groupParts({
    dueForReview: listOf(
      {
        planId: carePlans.id,
        title: carePlans.title,
        reviewDate: carePlans.reviewDate,
        patientId: patients.id,
        patientName,
        total,
      },
      (q) =>
        q
          .from(carePlans)
          .innerJoin(patients, eq(patients.id, carePlans.patientId))
          .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, carePlans.patientId))
          .where(and(inCaseload, eq(carePlans.status, "active"), lte(carePlans.reviewDate, today)))
          .orderBy(asc(carePlans.reviewDate), asc(patients.familyName))
          .limit(limit),
    ),
    overdue: listOf(
      {
        id: carePlanInterventions.id,
        description: carePlanInterventions.description,
        dueDate: sql<string>`${carePlanInterventions.dueDate}`,
        ownerName: sql<string | null>`coalesce(${clinicians.name}, ${users.name})`,
        patientId: patients.id,
        patientName,
        total,
      },
      (q) =>
        q
          .from(carePlanInterventions)
          .innerJoin(carePlans, eq(carePlans.id, carePlanInterventions.planId))
          .innerJoin(patients, eq(patients.id, carePlans.patientId))
          .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, carePlans.patientId))
          .leftJoin(clinicians, eq(clinicians.id, carePlanInterventions.ownerClinicianId))
          .leftJoin(users, eq(users.id, carePlanInterventions.ownerUserId))
          .where(
            and(
              inCaseload,
              eq(carePlans.status, "active"),
              isNull(carePlanInterventions.removedAt),
              inArray(carePlanInterventions.status, ["not-started", "in-progress"]),
              lt(carePlanInterventions.dueDate, today),
            ),
          )
          .orderBy(asc(carePlanInterventions.dueDate), asc(patients.familyName))
          .limit(limit),
    ),
  });
  const strip = <T extends { total: number }>(rows: T[]) => rows.map(({ total: _total, ...row }) => row);
  return mapPart(parts, ({ dueForReview, overdue }) => ({
    dueForReview: strip(dueForReview),
    overdue: strip(overdue),
    dueForReviewTotal: dueForReview[0]?.total ?? 0,
    overdueTotal: overdue[0]?.total ?? 0,
  }));
}
