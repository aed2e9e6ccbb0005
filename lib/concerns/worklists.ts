import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ConcernStatus, caseloadAssignments, concerns, patients } from "@/db/schema";
import { type Actor, currentAssignments, inCurrentCaseload } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { countsPanel, type Panel, readPanel } from "@/lib/records/read-panels";
import { listOf, mapPart } from "@/lib/records/read-together";
import { CONCERN_PAGE_SIZE, CONCERN_STATUS_LABELS, type ConcernWorklistQuery } from "./schemas";
import { advocate, type ConcernSummary, nextDueSql, summaryColumns, toSummary } from "./summary";

export interface ConcernWorklist {
  items: ConcernSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Advocates assigned to concerns in the caseload, for the filter. */
  advocates: { id: string; name: string }[];
}

/**
 * The advocate's worklist: concerns of patients in their caseload, what falls due first at the
 * top (resolved and closed ones last), with filters and server-side paging.
 */
export async function listConcernWorklist(
  actor: Actor,
  query: ConcernWorklistQuery,
): Promise<ConcernWorklist> {
  return readWorklist(
    actor,
    "work:concerns",
    "concern.worklist",
    (database) => readConcernWorklist(database, actor, query),
    (list) => list.items.map((c) => c.patientId),
    { page: query.page, status: query.status ?? null },
  );
}

async function readConcernWorklist(
  database: Database,
  actor: Actor,
  query: ConcernWorklistQuery,
): Promise<ConcernWorklist> {
  const filters = and(
    inCurrentCaseload(actor.userId),
    query.status === "active"
      ? sql`${concerns.status} not in ('resolved','closed')`
      : query.status
        ? eq(concerns.status, query.status)
        : undefined,
    query.category ? eq(concerns.category, query.category) : undefined,
    query.severity ? eq(concerns.severity, query.severity) : undefined,
    query.advocate ? eq(concerns.assignedAdvocateId, query.advocate) : undefined,
  );
  const [rows, [total], advocates] = await Promise.all([
    database
      .select(summaryColumns())
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(filters)
      .orderBy(sql`${nextDueSql()} asc nulls last`, desc(concerns.receivedAt))
      .limit(CONCERN_PAGE_SIZE)
      .offset((query.page - 1) * CONCERN_PAGE_SIZE),
    database
      .select({ n: count() })
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .where(filters),
    // The filter offers the advocates who hold concerns in this caseload, not every advocate of
    // the organisation (a thousand of them at 100,000 patients made the page 300 kB).
    database
      .selectDistinct({ id: advocate.id, name: advocate.name })
      .from(concerns)
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .innerJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(currentAssignments(actor.userId))
      .orderBy(asc(advocate.name)),
  ]);
  const now = new Date();
  return {
    items: rows.map((r) => toSummary(r, now)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: CONCERN_PAGE_SIZE,
    advocates,
  };
}

export interface ConcernDashboard {
  byStatus: { status: ConcernStatus; count: number; oldestReceivedAt: Date }[];
  overdue: number;
  interimNoticesDue: number;
}

/**
 * For the advocate's dashboard: unresolved concerns in the caseload by status and age, and what is
 * late. Counts only, naming no patient, so there is no audit event to write.
 */
export async function getConcernDashboard(actor: Actor): Promise<ConcernDashboard> {
  return readPanel(actor, concernDashboardPanel(actor));
}

/** The same counts, as a panel of the dashboard's one statement. */
export function concernDashboardPanel(actor: Actor): Panel<ConcernDashboard> {
  const rows = listOf(
    {
      status: concerns.status,
      count: count(),
      oldestReceivedAt: sql<Date>`min(${concerns.receivedAt})`.mapWith((v: string | Date) => new Date(v)),
      overdue: sql<number>`count(*) filter (where ${nextDueSql()} < now())`.mapWith(Number),
      interimDue:
        sql<number>`count(*) filter (where ${concerns.resolveDueAt} < now() and ${concerns.interimNoticeSentAt} is null)`.mapWith(
          Number,
        ),
    },
    (q) =>
      q
        .from(concerns)
        .innerJoin(patients, eq(patients.id, concerns.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
        .where(and(inCurrentCaseload(actor.userId), sql`${concerns.status} not in ('resolved','closed')`))
        .groupBy(concerns.status),
  );
  const order = Object.keys(CONCERN_STATUS_LABELS);
  return countsPanel(
    "work:concerns",
    mapPart(rows, (list) => ({
      byStatus: list
        .map(({ status, count: n, oldestReceivedAt }) => ({ status, count: n, oldestReceivedAt }))
        .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)),
      overdue: list.reduce((sum, r) => sum + r.overdue, 0),
      interimNoticesDue: list.reduce((sum, r) => sum + r.interimDue, 0),
    })),
  );
}
