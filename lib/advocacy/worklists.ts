import "server-only";
import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { advocacyInteractions, caseloadAssignments, patients } from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { addDaysIso, zonedDate } from "@/lib/time";

export interface FollowUpDue {
  id: string;
  patientId: string;
  patientName: string;
  organisation: string;
  followUpOn: string;
  overdue: boolean;
}

/**
 * For the advocate's dashboard: follow-ups due within a week (or already past), in the caseload.
 * Audited as one event naming the patients shown.
 */
export async function listFollowUpsDue(actor: Actor, limit = 8): Promise<FollowUpDue[]> {
  return readWorklist(
    actor,
    "work:advocacyFollowUps",
    "advocacy.follow-ups-due",
    (database) => readFollowUpsDue(database, actor, limit),
    (rows) => rows.map((row) => row.patientId),
  );
}

/**
 * Follow-ups not done in the actor's caseload, due within a week or past, soonest first. Reads no
 * policy: listFollowUpsDue and "My work" authorise first, each with its own audit event.
 */
export function readFollowUpsDue(database: Database, actor: Actor, limit: number): Promise<FollowUpDue[]> {
  const today = zonedDate();
  return database
    .select({
      id: advocacyInteractions.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      organisation: advocacyInteractions.organisation,
      followUpOn: sql<string>`${advocacyInteractions.followUpOn}`,
      overdue: sql<boolean>`${advocacyInteractions.followUpOn} < ${today}`,
    })
    .from(advocacyInteractions)
    .innerJoin(patients, eq(patients.id, advocacyInteractions.patientId))
    .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, advocacyInteractions.patientId))
    .where(
      and(
        inCurrentCaseload(actor.userId),
        isNotNull(advocacyInteractions.followUpOn),
        isNull(advocacyInteractions.followUpDoneAt),
        lte(advocacyInteractions.followUpOn, addDaysIso(today, 7)),
      ),
    )
    .orderBy(asc(advocacyInteractions.followUpOn), asc(advocacyInteractions.id))
    .limit(limit);
}
