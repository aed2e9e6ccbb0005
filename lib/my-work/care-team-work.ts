import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  appointmentRequests,
  appointments,
  carePlanInterventions,
  carePlans,
  caseloadAssignments,
  messageThreads,
  patients,
} from "@/db/schema";
import { type Actor, inCurrentCaseload } from "@/lib/authz";
import { unsafeFlaggedDecisionsFor } from "@/lib/decisions";
import { listOf, mapPart, type Part } from "@/lib/records/read-together";
import { addDaysIso } from "@/lib/time";
import { DUE_WITHIN_DAYS, endOfDay, WORK_LIMIT_PER_KIND, type WorkItem, workLinks } from "./items";

// The work every member of the care team can hold: conversations, appointment change requests and
// the care-plan interventions they own. Each reads the actor's current caseload only (a record
// outside it would not open), joined through caseload_assignments as the other worklists are.

const patientName = sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`;

/**
 * Open conversations with the patient side that are assigned to the actor, or that wait for an
 * answer and nobody else has taken. One assigned to a colleague waits on the colleague.
 */
export function conversationWork(actor: Actor, now: Date): Part<WorkItem[]> {
  const rows = listOf(
    {
      id: messageThreads.id,
      patientId: messageThreads.patientId,
      patientName,
      subject: messageThreads.subject,
      answerDueAt: messageThreads.answerDueAt,
      assignedToMe: sql<boolean>`coalesce(${messageThreads.assignedTo} = ${actor.userId}, false)`,
    },
    (q) =>
      q
        .from(messageThreads)
        .innerJoin(patients, eq(patients.id, messageThreads.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, messageThreads.patientId))
        .where(
          and(
            inCurrentCaseload(actor.userId),
            eq(messageThreads.withPatient, true),
            eq(messageThreads.status, "open"),
            or(
              eq(messageThreads.assignedTo, actor.userId),
              and(isNotNull(messageThreads.answerDueAt), isNull(messageThreads.assignedTo)),
            ),
          ),
        )
        .orderBy(sql`${messageThreads.answerDueAt} asc nulls last`, asc(messageThreads.id))
        .limit(WORK_LIMIT_PER_KIND),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({
      kind: "conversation",
      id: r.id,
      patientId: r.patientId,
      patientName: r.patientName,
      title: r.subject,
      reason: [
        r.assignedToMe ? "Assigned to you" : "Not assigned",
        r.answerDueAt ? "the patient is waiting for an answer" : "answered, still open",
      ].join("; "),
      dueAt: r.answerDueAt,
      dueOn: null,
      overdue: r.answerDueAt !== null && r.answerDueAt < now,
      href: workLinks.conversation(r.patientId, r.id),
    })),
  );
}

/** Requests to move or cancel an appointment, not yet handled: due before the visit they are about. */
export function changeRequestWork(actor: Actor, now: Date): Part<WorkItem[]> {
  const rows = listOf(
    {
      id: appointmentRequests.id,
      patientId: appointmentRequests.patientId,
      patientName,
      kind: appointmentRequests.kind,
      appointmentTitle: appointments.title,
      startsAt: appointments.startsAt,
    },
    (q) =>
      q
        .from(appointmentRequests)
        .innerJoin(appointments, eq(appointments.id, appointmentRequests.appointmentId))
        .innerJoin(patients, eq(patients.id, appointmentRequests.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, appointmentRequests.patientId))
        .where(and(inCurrentCaseload(actor.userId), isNull(appointmentRequests.handledAt)))
        .orderBy(asc(appointments.startsAt), asc(appointmentRequests.id))
        .limit(WORK_LIMIT_PER_KIND),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({
      kind: "change-request",
      id: r.id,
      patientId: r.patientId,
      patientName: r.patientName,
      title: `${r.kind === "cancel" ? "Cancel" : "Move"}: ${r.appointmentTitle}`,
      reason: "The patient asked; handle it before the visit",
      dueAt: r.startsAt,
      dueOn: null,
      overdue: r.startsAt < now,
      href: workLinks.changeRequest(r.patientId, r.id),
    })),
  );
}

/** Interventions the actor owns on an active plan, not done, due within a week or already past. */
export function interventionWork(actor: Actor, today: string): Part<WorkItem[]> {
  const rows = listOf(
    {
      id: carePlanInterventions.id,
      patientId: carePlans.patientId,
      patientName,
      description: carePlanInterventions.description,
      dueDate: sql<string>`${carePlanInterventions.dueDate}`,
    },
    (q) =>
      q
        .from(carePlanInterventions)
        .innerJoin(carePlans, eq(carePlans.id, carePlanInterventions.planId))
        .innerJoin(patients, eq(patients.id, carePlans.patientId))
        .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, carePlans.patientId))
        .where(
          and(
            inCurrentCaseload(actor.userId),
            eq(carePlanInterventions.ownerUserId, actor.userId),
            eq(carePlans.status, "active"),
            isNull(carePlanInterventions.removedAt),
            inArray(carePlanInterventions.status, ["not-started", "in-progress"]),
            lte(carePlanInterventions.dueDate, addDaysIso(today, DUE_WITHIN_DAYS)),
          ),
        )
        .orderBy(asc(carePlanInterventions.dueDate), asc(carePlanInterventions.id))
        .limit(WORK_LIMIT_PER_KIND),
  );
  return mapPart(rows, (list) =>
    list.map((r) => ({
      kind: "intervention",
      id: r.id,
      patientId: r.patientId,
      patientName: r.patientName,
      title: r.description,
      reason: "You own this intervention",
      dueAt: endOfDay(r.dueDate),
      dueOn: r.dueDate,
      overdue: r.dueDate < today,
      href: workLinks.intervention(r.patientId, r.id),
    })),
  );
}

/**
 * Decision records the patient said do not say what she decided, or the advocate flagged, in the
 * coordinator's caseload: no clock, they wait until the coordinator resolves them.
 */
export async function flaggedDecisionWork(database: Database, actor: Actor): Promise<WorkItem[]> {
  const rows = await unsafeFlaggedDecisionsFor(database, actor.userId, WORK_LIMIT_PER_KIND);
  return rows.map((r) => ({
    kind: "decision",
    id: r.id,
    patientId: r.patientId,
    patientName: r.patientName,
    title: r.topic,
    reason: [
      r.disputed ? "The patient says it does not say what they decided" : null,
      r.voiceNotReflected ? "the advocate says the patient's voice is not reflected" : null,
    ]
      .filter(Boolean)
      .join("; ")
      .replace(/^./, (c) => c.toUpperCase()),
    dueAt: null,
    dueOn: null,
    overdue: false,
    href: workLinks.decision(r.patientId, r.id),
  }));
}
