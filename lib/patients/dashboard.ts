import "server-only";
import { and, count, desc, eq, gt, max, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { auditEvents, caseloadAssignments, patients } from "@/db/schema";
import { type Actor, allowsGlobal, inCurrentCaseload } from "@/lib/authz";
import { type Panel, readPanel, worklistPanel } from "@/lib/records/read-panels";
import { groupParts, listOf, mapPart, oneOf } from "@/lib/records/read-together";

export interface DashboardSummary {
  caseloadCount: number;
  recent: { id: string; mrn: string; name: string; openedAt: Date }[];
}

/** Which of the dashboard's worklists this staff member works, as the policy says. */
export function dashboardPanels(actor: Actor) {
  return {
    canWorkConcerns: allowsGlobal(actor.role, "work:concerns"),
    canWorkRightsRequests: allowsGlobal(actor.role, "work:rightsRequests"),
    canWorkFollowUps: allowsGlobal(actor.role, "work:advocacyFollowUps"),
  };
}

/**
 * A staff member's caseload at a glance: how many patients, and the records they opened last.
 * Audited as "patient.dashboard", naming the patients listed.
 */
export async function getStaffDashboard(actor: Actor): Promise<DashboardSummary> {
  return readPanel(actor, staffDashboardPanel(actor));
}

/** The caseload's count and the records opened last, as a panel of the dashboard's one statement. */
export function staffDashboardPanel(actor: Actor): Panel<DashboardSummary> {
  return worklistPanel("list:caseload", "patient.dashboard", summaryPart(actor), (summary) =>
    summary.recent.map((r) => r.id),
  );
}

function summaryPart(actor: Actor) {
  // The records this person opened last (30 days), newest first, one line per patient. Newest by
  // the event's sequence, not its time: two openings can share a timestamp (PGlite's clock ticks
  // in milliseconds), never an id.
  const opened = new QueryBuilder()
    .select({
      patientId: auditEvents.patientId,
      openedAt: max(auditEvents.occurredAt).as("opened_at"),
      lastEvent: max(auditEvents.id).as("last_event"),
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorUserId, actor.userId),
        // A literal, not a parameter: a generic plan can then use the partial index on these reads.
        sql`${auditEvents.action} = 'patient.read'`,
        gt(auditEvents.occurredAt, sql`now() - interval '30 days'`),
      ),
    )
    .groupBy(auditEvents.patientId)
    .orderBy(desc(max(auditEvents.id)))
    .limit(5)
    .as("opened");
  const parts = groupParts({
    caseload: oneOf({ n: count() }, (q) =>
      q
        .from(caseloadAssignments)
        .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
        .where(inCurrentCaseload(actor.userId)),
    ),
    recent: listOf(
      {
        id: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        // The subquery's column by its name (a subquery's aggregate would otherwise be written out again).
        openedAt: sql<Date>`${opened.openedAt}`.mapWith(auditEvents.occurredAt),
      },
      (q) =>
        q.from(opened).innerJoin(patients, eq(patients.id, opened.patientId)).orderBy(desc(opened.lastEvent)),
    ),
  });
  return mapPart(parts, ({ caseload, recent }) => ({
    caseloadCount: Number(caseload?.n ?? 0),
    recent: recent.map((r) => ({
      id: r.id,
      mrn: r.mrn,
      name: `${r.familyName}, ${r.givenName}`,
      openedAt: r.openedAt,
    })),
  }));
}
