import "server-only";
import { and, asc, count, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caseloadAssignments, patients, rightsRequests } from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { countsPanel, type Panel, readPanel } from "@/lib/records/read-panels";
import { mapPart, oneOf } from "@/lib/records/read-together";
import { zonedDate } from "@/lib/time";
import { effectiveDue, itemColumns, type RightsRequestItem, toItem } from "./items";
import { RIGHTS_PAGE_SIZE, type RightsWorklistQuery } from "./schemas";

export interface RightsWorklist {
  items: RightsRequestItem[];
  total: number;
  page: number;
  pageSize: number;
  dueSoon: number;
  overdue: number;
}

/** The advocate's worklist: the caseload's requests by the day they fall due, answered ones last. */
export async function listRightsWorklist(actor: Actor, query: RightsWorklistQuery): Promise<RightsWorklist> {
  return readWorklist(
    actor,
    "work:rightsRequests",
    "rights-request.worklist",
    (database) => readRightsWorklist(database, actor, query),
    (list) => list.items.map((r) => r.patientId),
    { page: query.page },
  );
}

async function readRightsWorklist(
  database: Database,
  actor: Actor,
  query: RightsWorklistQuery,
): Promise<RightsWorklist> {
  const today = zonedDate();
  const filters: SQL | undefined = and(
    inCurrentCaseload(actor.userId),
    query.type ? eq(rightsRequests.type, query.type) : undefined,
    query.status === "open"
      ? isNull(rightsRequests.responseSentOn)
      : query.status === "answered"
        ? isNotNull(rightsRequests.responseSentOn)
        : undefined,
  );
  const [rows, [total], [counts]] = await Promise.all([
    database
      .select(itemColumns)
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
      .where(filters)
      .orderBy(
        sql`${rightsRequests.responseSentOn} is not null`,
        asc(effectiveDue),
        asc(rightsRequests.receivedOn),
      )
      .limit(RIGHTS_PAGE_SIZE)
      .offset((query.page - 1) * RIGHTS_PAGE_SIZE),
    database
      .select({ n: count() })
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
      .where(filters),
    rightsCountsQuery(database, actor, today),
  ]);
  return {
    items: rows.map((r) => toItem(r, today)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: RIGHTS_PAGE_SIZE,
    dueSoon: counts?.dueSoon ?? 0,
    overdue: counts?.overdue ?? 0,
  };
}

export interface RightsCounts {
  dueSoon: number;
  overdue: number;
}

/** The caseload's unanswered requests due within 7 days, and overdue ones, counted. */
const rightsCountColumns = (today: string) => ({
  dueSoon:
    sql<number>`count(*) filter (where ${effectiveDue} >= ${today}::date and ${effectiveDue} <= ${today}::date + 7)`.mapWith(
      Number,
    ),
  overdue: sql<number>`count(*) filter (where ${effectiveDue} < ${today}::date)`.mapWith(Number),
});

function rightsCountsQuery(database: Database, actor: Actor, today: string) {
  return database
    .select(rightsCountColumns(today))
    .from(rightsRequests)
    .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
    .where(and(inCurrentCaseload(actor.userId), isNull(rightsRequests.responseSentOn)));
}

/**
 * For the advocate's dashboard: unanswered requests due within 7 days, and overdue ones. Two
 * numbers and no patient, so no audit event (the worklist that names them writes one).
 */
export async function getRightsCounts(actor: Actor): Promise<RightsCounts> {
  return readPanel(actor, rightsCountsPanel(actor));
}

/** The same two numbers, as a panel of the dashboard's one statement. */
export function rightsCountsPanel(actor: Actor): Panel<RightsCounts> {
  const today = zonedDate();
  const counts = oneOf(rightsCountColumns(today), (q) =>
    q
      .from(rightsRequests)
      .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
      .where(and(inCurrentCaseload(actor.userId), isNull(rightsRequests.responseSentOn))),
  );
  return countsPanel(
    "work:rightsRequests",
    mapPart(counts, (row) => ({ dueSoon: row?.dueSoon ?? 0, overdue: row?.overdue ?? 0 })),
  );
}
