import "server-only";
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { caseloadAssignments, concerns, patients, rightsRequests } from "@/db/schema";
import { readFollowUpsDue } from "@/lib/advocacy/worklists";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { CONCERN_CATEGORY_LABELS } from "@/lib/concerns/schemas";
import { advocate, nextDueSql, summaryColumns, toSummary } from "@/lib/concerns/summary";
import { listOf, mapPart, type Part } from "@/lib/records/read-together";
import { readReferralsDue } from "@/lib/referrals/worklists";
import { effectiveDue } from "@/lib/rights-requests/items";
import { isOverdue, RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { addDaysIso } from "@/lib/time";
import { DUE_WITHIN_DAYS, endOfDay, WORK_LIMIT_PER_KIND, type WorkItem, workLinks } from "./items";

// The advocate's clocks: concerns, rights requests and follow-ups in their caseload, due within a
// week or past. The due dates are the concern and rights-request modules' own (nextDueSql,
// effectiveDue), so "due" here is what the worklists and the patient's letters say.

const patientName = sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`;

/** Unresolved concerns whose next step (acknowledge, resolve) falls due within a week or is past. */
export function concernWork(actor: Actor, now: Date): Part<WorkItem[]> {
  const rows = listOf(summaryColumns(), (q) =>
    q
      .from(concerns)
      .innerJoin(patients, eq(patients.id, concerns.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, concerns.patientId))
      .leftJoin(advocate, eq(advocate.id, concerns.assignedAdvocateId))
      .where(
        and(
          inCurrentCaseload(actor.userId),
          sql`${concerns.status} not in ('resolved','closed')`,
          sql`${nextDueSql()} <= now() + make_interval(days => ${DUE_WITHIN_DAYS})`,
        ),
      )
      .orderBy(sql`${nextDueSql()} asc`, asc(concerns.id))
      .limit(WORK_LIMIT_PER_KIND),
  );
  return mapPart(rows, (list) =>
    list
      .map((row) => toSummary(row, now))
      .map((c) => ({
        kind: "concern",
        id: c.id,
        patientId: c.patientId,
        patientName: c.patientName,
        title: `${CONCERN_CATEGORY_LABELS[c.category]} concern`,
        reason: [
          c.status === "open" ? "Acknowledge it" : "Resolve it",
          c.interimNoticeDue ? "an interim notice is due" : null,
        ]
          .filter(Boolean)
          .join("; "),
        dueAt: c.nextDueAt,
        dueOn: null,
        overdue: c.overdue,
        href: workLinks.concern(c.patientId, c.id),
      })),
  );
}

/** Rights requests not yet answered, due (the extended day once given) within a week or past. */
export function rightsRequestWork(actor: Actor, today: string): Part<WorkItem[]> {
  const rows = listOf(
    {
      id: rightsRequests.id,
      patientId: rightsRequests.patientId,
      patientName,
      type: rightsRequests.type,
      effectiveDueOn: effectiveDue,
      extended: sql<boolean>`${rightsRequests.extendedDueOn} is not null`,
    },
    (q) =>
      q
        .from(rightsRequests)
        .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, rightsRequests.patientId))
        .where(
          and(
            inCurrentCaseload(actor.userId),
            isNull(rightsRequests.responseSentOn),
            lte(effectiveDue, addDaysIso(today, DUE_WITHIN_DAYS)),
          ),
        )
        .orderBy(asc(effectiveDue), asc(rightsRequests.id))
        .limit(WORK_LIMIT_PER_KIND),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({
      kind: "rights-request",
      id: r.id,
      patientId: r.patientId,
      patientName: r.patientName,
      title: RIGHTS_TYPE_LABELS[r.type],
      reason: r.extended ? "Answer it by the extended day" : "Answer it",
      dueAt: endOfDay(r.effectiveDueOn),
      dueOn: r.effectiveDueOn,
      overdue: isOverdue(r.effectiveDueOn, null, today),
      href: workLinks.rightsRequest(r.patientId, r.id),
    })),
  );
}

/** Follow-ups promised to an insurer, provider or agency, not done, due within a week or past. */
export async function followUpWork(database: Database, actor: Actor): Promise<WorkItem[]> {
  const rows = await readFollowUpsDue(database, actor, WORK_LIMIT_PER_KIND);
  return rows.map((r) => ({
    kind: "follow-up",
    id: r.id,
    patientId: r.patientId,
    patientName: r.patientName,
    title: `Follow up with ${r.organisation}`,
    reason: "Logged as needing a follow-up",
    dueAt: endOfDay(r.followUpOn),
    dueOn: r.followUpOn,
    overdue: r.overdue,
    href: workLinks.followUp(r.patientId, r.id),
  }));
}

/** Referrals in the advocate's caseload whose step is due today or past: ask the service, then the patient. */
export function referralFollowUpWork(actor: Actor, today: string): Part<WorkItem[]> {
  const rows = readReferralsDue(actor, today, WORK_LIMIT_PER_KIND);
  return mapPart(rows, (list) =>
    list.map((r) => ({
      kind: "follow-up",
      id: r.id,
      patientId: r.patientId,
      patientName: r.patientName,
      title: `Referral to ${r.serviceName}`,
      reason:
        r.status === "sent" ? "Ask whether the service took the referral" : "Ask whether the help was given",
      dueAt: endOfDay(r.dueOn),
      dueOn: r.dueOn,
      overdue: r.overdue,
      href: workLinks.referral(r.patientId, r.id),
    })),
  );
}
