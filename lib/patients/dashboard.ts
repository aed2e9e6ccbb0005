import "server-only";
import { and, count, desc, eq, gt, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, caseloadAssignments, patients } from "@/db/schema";
import { type Actor, allowsGlobal, inCurrentCaseload } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";

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
  return readWorklist(
    actor,
    "list:caseload",
    "patient.dashboard",
    (database) => readStaffDashboard(database, actor),
    (summary) => summary.recent.map((r) => r.id),
  );
}

async function readStaffDashboard(database: Database, actor: Actor): Promise<DashboardSummary> {
  // The records this person opened last (30 days), newest first, one line per patient. Newest by
  // the event's sequence, not its time: two openings can share a timestamp (PGlite's clock ticks
  // in milliseconds), never an id.
  const opened = database
    .select({
      patientId: auditEvents.patientId,
      openedAt: max(auditEvents.occurredAt).as("opened_at"),
      lastEvent: max(auditEvents.id).as("last_event"),
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorUserId, actor.userId),
        eq(auditEvents.action, "patient.read"),
        gt(auditEvents.occurredAt, sql`now() - interval '30 days'`),
      ),
    )
    .groupBy(auditEvents.patientId)
    .orderBy(desc(max(auditEvents.id)))
    .limit(5)
    .as("opened");
  const caseload = database
    .select({ n: count().as("caseload_count") })
    .from(caseloadAssignments)
    .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
    .where(inCurrentCaseload(actor.userId))
    .as("caseload");
  // One statement: the count's single row, beside each recently opened record (or none).
  const rows = await database
    .select({
      caseloadCount: caseload.n,
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      openedAt: opened.openedAt,
    })
    .from(caseload)
    .leftJoin(opened, sql`true`)
    .leftJoin(patients, eq(patients.id, opened.patientId))
    .orderBy(desc(opened.lastEvent));
  return {
    caseloadCount: Number(rows[0]?.caseloadCount ?? 0),
    recent: rows.flatMap((r) =>
      r.id && r.mrn
        ? [
            {
              id: r.id,
              mrn: r.mrn,
              name: `${r.familyName}, ${r.givenName}`,
              openedAt: new Date(r.openedAt ?? 0),
            },
          ]
        : [],
    ),
  };
}
