import "server-only";
import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { advocacyInteractions, caseloadAssignments, patients } from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { type Panel, readPanel, worklistPanel } from "@/lib/records/read-panels";
import { listOf, type Part, readTogether } from "@/lib/records/read-together";
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
  return readPanel(actor, followUpsDuePanel(actor, limit));
}

/** The same, as a panel of the dashboard's one statement. */
export function followUpsDuePanel(actor: Actor, limit = 8): Panel<FollowUpDue[]> {
  return worklistPanel(
    "work:advocacyFollowUps",
    "advocacy.follow-ups-due",
    followUpsDuePart(actor, limit),
    (rows) => rows.map((row) => row.patientId),
  );
}

/**
 * Follow-ups not done in the actor's caseload, due within a week or past, soonest first. Reads no
 * policy: listFollowUpsDue and "My work" authorise first, each with its own audit event.
 */
export async function readFollowUpsDue(
  database: Database,
  actor: Actor,
  limit: number,
): Promise<FollowUpDue[]> {
  return (await readTogether(database, { rows: followUpsDuePart(actor, limit) })).rows;
}

function followUpsDuePart(actor: Actor, limit: number): Part<FollowUpDue[]> {
  const today = zonedDate();
  return listOf(
    {
      id: advocacyInteractions.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`,
      organisation: advocacyInteractions.organisation,
      followUpOn: sql<string>`${advocacyInteractions.followUpOn}`,
      overdue: sql<boolean>`${advocacyInteractions.followUpOn} < ${today}`,
    },
    (q) =>
      q
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
        .limit(limit),
  );
}
