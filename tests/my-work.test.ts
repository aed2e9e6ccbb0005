import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  advocacyInteractions,
  appointmentRequests,
  appointments,
  carePlanInterventions,
  carePlans,
  concerns,
  messageThreads,
  rightsRequests,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { listMyWork, type WorkItem } from "@/lib/my-work";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const today = zonedDate();

/** One patient's worth of work of every kind, due now or soon, beside work that waits on no one. */
async function seedWork(patientId: string, staff: { coordinator: Actor; advocate: Actor }, tag: string) {
  const now = Date.now();
  const by = staff.coordinator.userId;
  const threads = await db()
    .insert(messageThreads)
    .values([
      // Waiting for an answer, taken by nobody: on every inbox holder's list.
      {
        patientId,
        subject: `${tag} unanswered`,
        createdBy: by,
        withPatient: true,
        topic: "billing",
        answerDueAt: new Date(now + 2 * HOUR),
      },
      // Answered but assigned to the advocate: theirs alone.
      {
        patientId,
        subject: `${tag} assigned`,
        createdBy: by,
        withPatient: true,
        topic: "other",
        assignedTo: staff.advocate.userId,
      },
      // Waiting, but a colleague took it: not the coordinator's.
      {
        patientId,
        subject: `${tag} taken`,
        createdBy: by,
        withPatient: true,
        topic: "other",
        assignedTo: staff.advocate.userId,
        answerDueAt: new Date(now + 3 * HOUR),
      },
      // Closed, and a staff-only thread: nobody's.
      {
        patientId,
        subject: `${tag} closed`,
        createdBy: by,
        withPatient: true,
        topic: "other",
        status: "closed",
        closedAt: new Date(),
        closedBy: by,
      },
      { patientId, subject: `${tag} staff only`, createdBy: by },
    ])
    .returning({ id: messageThreads.id, subject: messageThreads.subject });
  const [visit] = await db()
    .insert(appointments)
    .values({
      patientId,
      kind: "follow-up",
      title: `${tag} visit`,
      startsAt: new Date(now + 4 * DAY),
      endsAt: new Date(now + 4 * DAY + HOUR),
      createdBy: by,
    })
    .returning();
  const requests = await db()
    .insert(appointmentRequests)
    .values([
      { appointmentId: visit!.id, patientId, kind: "reschedule", reason: "Work", requestedBy: by },
      {
        appointmentId: visit!.id,
        patientId,
        kind: "cancel",
        reason: "Away",
        requestedBy: by,
        handledBy: by,
        handledAt: new Date(),
        handledNote: "Done",
        outcome: "completed",
      },
    ])
    .returning({ id: appointmentRequests.id, handledAt: appointmentRequests.handledAt });
  const [plan] = await db()
    .insert(carePlans)
    .values({
      patientId,
      title: `${tag} plan`,
      status: "active",
      reviewDate: addDaysIso(today, 90),
      createdBy: by,
      updatedBy: by,
      activatedAt: new Date(),
    })
    .returning();
  const interventions = await db()
    .insert(carePlanInterventions)
    .values([
      { planId: plan!.id, description: `${tag} due soon`, ownerUserId: by, dueDate: addDaysIso(today, 2) },
      {
        planId: plan!.id,
        description: `${tag} overdue`,
        ownerUserId: by,
        dueDate: addDaysIso(today, -3),
        status: "in-progress",
      },
      { planId: plan!.id, description: `${tag} far off`, ownerUserId: by, dueDate: addDaysIso(today, 30) },
      {
        planId: plan!.id,
        description: `${tag} done`,
        ownerUserId: by,
        dueDate: addDaysIso(today, -1),
        status: "done",
      },
      {
        planId: plan!.id,
        description: `${tag} advocate's`,
        ownerUserId: staff.advocate.userId,
        dueDate: addDaysIso(today, 1),
      },
    ])
    .returning({ id: carePlanInterventions.id, description: carePlanInterventions.description });
  const concern = (receivedAt: Date, acknowledgeDueAt: Date) => ({
    patientId,
    raisedBy: "patient" as const,
    category: "communication" as const,
    severity: "medium" as const,
    whatHappened: "Nobody called back.",
    desiredOutcome: "A call.",
    receivedAt,
    acknowledgeDueAt,
    resolveDueAt: new Date(acknowledgeDueAt.getTime() + 30 * DAY),
    createdBy: staff.advocate.userId,
    updatedBy: staff.advocate.userId,
  });
  const concernRows = await db()
    .insert(concerns)
    .values([
      concern(new Date(now - 3 * DAY), new Date(now - DAY)),
      concern(new Date(now), new Date(now + 20 * DAY)),
    ])
    .returning({ id: concerns.id });
  const rights = (dueOn: string, answered: boolean) => ({
    patientId,
    type: "access" as const,
    receivedOn: addDaysIso(dueOn, -30),
    details: "A copy of my records.",
    dueOn,
    createdBy: staff.advocate.userId,
    updatedBy: staff.advocate.userId,
    ...(answered ? { decision: "granted" as const, decidedOn: today, responseSentOn: today } : {}),
  });
  const rightsRows = await db()
    .insert(rightsRequests)
    .values([
      rights(addDaysIso(today, 3), false),
      rights(addDaysIso(today, 2), true),
      rights(addDaysIso(today, 40), false),
    ])
    .returning({ id: rightsRequests.id });
  const followUp = (followUpOn: string, done: boolean) => ({
    patientId,
    advocateId: staff.advocate.userId,
    counterpartType: "insurer" as const,
    organisation: `${tag} Health Plan`,
    occurredOn: today,
    channel: "phone" as const,
    asked: "Reprocess the claim.",
    followUpOn,
    followUpDoneAt: done ? new Date() : null,
  });
  const followUps = await db()
    .insert(advocacyInteractions)
    .values([
      followUp(today, false),
      followUp(addDaysIso(today, -1), true),
      followUp(addDaysIso(today, 20), false),
    ])
    .returning({ id: advocacyInteractions.id });
  const thread = (subject: string) => threads.find((t) => t.subject === `${tag} ${subject}`)!.id;
  const intervention = (description: string) =>
    interventions.find((i) => i.description === `${tag} ${description}`)!.id;
  return {
    unanswered: thread("unanswered"),
    assigned: thread("assigned"),
    taken: thread("taken"),
    closed: thread("closed"),
    staffOnly: thread("staff only"),
    openRequest: requests.find((r) => r.handledAt === null)!.id,
    handledRequest: requests.find((r) => r.handledAt !== null)!.id,
    dueSoon: intervention("due soon"),
    overdueIntervention: intervention("overdue"),
    farOff: intervention("far off"),
    done: intervention("done"),
    advocatesIntervention: intervention("advocate's"),
    overdueConcern: concernRows[0]!.id,
    laterConcern: concernRows[1]!.id,
    rightsDue: rightsRows[0]!.id,
    rightsAnswered: rightsRows[1]!.id,
    rightsLater: rightsRows[2]!.id,
    followUpDue: followUps[0]!.id,
    followUpDone: followUps[1]!.id,
    followUpLater: followUps[2]!.id,
  };
}

const ids = (items: WorkItem[], kind: WorkItem["kind"]) =>
  items
    .filter((i) => i.kind === kind)
    .map((i) => i.id)
    .sort();

describe("My work", () => {
  let coordinator: Actor;
  let advocate: Actor;
  let otherCoordinator: Actor;
  let otherAdvocate: Actor;
  let patientId: string;
  let outsiderId: string;
  let mine: Awaited<ReturnType<typeof seedWork>>;
  let theirs: Awaited<ReturnType<typeof seedWork>>;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    advocate = actorFor(await createUser("advocate"));
    otherCoordinator = actorFor(await createUser("coordinator"));
    otherAdvocate = actorFor(await createUser("advocate"));
    patientId = (await createPatient()).id;
    outsiderId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(otherCoordinator.userId, outsiderId, "coordinator");
    await assignToCaseload(otherAdvocate.userId, outsiderId, "advocate");
    mine = await seedWork(patientId, { coordinator, advocate }, "mine");
    theirs = await seedWork(outsiderId, { coordinator: otherCoordinator, advocate: otherAdvocate }, "theirs");
  });

  it("gives the coordinator their conversations, change requests and due interventions, and no one else's", async () => {
    const { items, kinds } = await listMyWork(coordinator);
    expect(kinds).toEqual(["conversation", "change-request", "intervention", "decision"]);
    expect(ids(items, "conversation")).toEqual([mine.unanswered].sort());
    expect(ids(items, "change-request")).toEqual([mine.openRequest]);
    expect(ids(items, "intervention")).toEqual([mine.dueSoon, mine.overdueIntervention].sort());
    expect(items.every((i) => i.patientId === patientId)).toBe(true);
    for (const kind of ["concern", "rights-request", "follow-up"] as const)
      expect(ids(items, kind)).toEqual([]);
    // Negative controls: closed, staff-only, taken by a colleague, handled, done, far off, someone else's.
    const listed = new Set(items.map((i) => i.id));
    for (const id of [
      mine.assigned,
      mine.taken,
      mine.closed,
      mine.staffOnly,
      mine.handledRequest,
      mine.farOff,
      mine.done,
      mine.advocatesIntervention,
    ]) {
      expect(listed.has(id)).toBe(false);
    }
    // The other caseload's coordinator sees their own (positive control for the caseload boundary).
    const other = await listMyWork(otherCoordinator);
    expect(ids(other.items, "conversation")).toEqual([theirs.unanswered]);
    expect(ids(other.items, "change-request")).toEqual([theirs.openRequest]);
    expect(other.items.some((i) => i.patientId === patientId)).toBe(false);
  });

  it("gives the advocate their conversations, concerns, rights requests and follow-ups by their clocks", async () => {
    const { items, kinds } = await listMyWork(advocate);
    expect(kinds).toEqual(["conversation", "intervention", "concern", "rights-request", "follow-up"]);
    expect(ids(items, "conversation")).toEqual([mine.unanswered, mine.assigned, mine.taken].sort());
    expect(ids(items, "change-request")).toEqual([]);
    expect(ids(items, "intervention")).toEqual([mine.advocatesIntervention]);
    expect(ids(items, "concern")).toEqual([mine.overdueConcern]);
    expect(ids(items, "rights-request")).toEqual([mine.rightsDue]);
    expect(ids(items, "follow-up")).toEqual([mine.followUpDue]);
    const listed = new Set(items.map((i) => i.id));
    for (const id of [
      mine.laterConcern,
      mine.rightsAnswered,
      mine.rightsLater,
      mine.followUpDone,
      mine.followUpLater,
      theirs.overdueConcern,
      theirs.rightsDue,
      theirs.followUpDue,
    ]) {
      expect(listed.has(id)).toBe(false);
    }
    const concern = items.find((i) => i.id === mine.overdueConcern)!;
    expect(concern).toMatchObject({
      overdue: true,
      href: `/patients/${patientId}/concerns/${mine.overdueConcern}`,
    });
    expect(items.find((i) => i.id === mine.unanswered)!.href).toBe(
      `/patients/${patientId}/messages#thread-${mine.unanswered}`,
    );
    expect(items.find((i) => i.id === mine.rightsDue)).toMatchObject({
      dueOn: addDaysIso(today, 3),
      overdue: false,
    });
    const other = await listMyWork(otherAdvocate);
    expect(ids(other.items, "concern")).toEqual([theirs.overdueConcern]);
  });

  it("sorts by due time, soonest (and overdue) first, and those with no clock last", async () => {
    const { items } = await listMyWork(advocate);
    const times = items.map((i) => i.dueAt?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items[0]!.overdue).toBe(true);
    expect(items.at(-1)!.id).toBe(mine.assigned);
  });

  it("audits the patients shown in one event, and refuses (audited) anyone who is not staff", async () => {
    const before = (await auditTrail(coordinator.userId, "work.list")).length;
    await listMyWork(coordinator);
    const events = await auditTrail(coordinator.userId, "work.list");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.details).toMatchObject({ shown: 1, patients: [patientId] });

    const admin = actorFor(await createUser("admin"));
    const patient = actorFor(await createUser("patient", { patientId }));
    const family = actorFor(await createUser("family"));
    for (const actor of [admin, patient, family]) {
      await expect(listMyWork(actor)).rejects.toBeInstanceOf(NotFoundError);
      expect((await auditTrail(actor.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
        "read:myWork",
      ]);
      expect(await auditTrail(actor.userId, "work.list")).toEqual([]);
    }
  });
});
