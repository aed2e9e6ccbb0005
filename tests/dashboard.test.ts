import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { captureStatements, db } from "@/db/client";
import { appointments, auditEvents, messageThreads } from "@/db/schema";
import { weekAheadPanel } from "@/lib/appointments/week-ahead";
import { getDashboard } from "@/lib/dashboard";
import { NotFoundError } from "@/lib/errors";
import { startConversation } from "@/lib/messages";
import { readPanel } from "@/lib/records/read-panels";
import { zonedDayStart } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const HOUR = 60 * 60 * 1000;

async function book(patientId: string, createdBy: string, startsAt: Date, cancelled = false) {
  await db()
    .insert(appointments)
    .values({
      patientId,
      createdBy,
      kind: "follow-up",
      title: `At ${startsAt.toISOString()}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR / 4),
      ...(cancelled ? { status: "cancelled" as const, cancelReason: "The patient asked" } : {}),
    });
}

describe("the staff dashboard", () => {
  it("lists the first of today's appointments and of the days after to Sunday, and counts them all", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const mine = await createPatient();
    const other = await createPatient();
    await assignToCaseload(coordinator.userId, mine.id, "coordinator");
    // A Wednesday at noon: today is the 25th, the week runs from Monday the 23rd to Sunday the 29th.
    const wednesday = zonedDayStart("2026-11-25");
    const now = new Date(wednesday.getTime() + 12 * HOUR);
    for (let i = 0; i < 9; i++)
      await book(mine.id, coordinator.userId, new Date(wednesday.getTime() + (8 + i) * HOUR));
    await book(mine.id, coordinator.userId, new Date(wednesday.getTime() + 20 * HOUR), true);
    await book(other.id, coordinator.userId, new Date(wednesday.getTime() + 10 * HOUR));
    for (const day of ["2026-11-24", "2026-11-26", "2026-11-29", "2026-11-30"])
      await book(mine.id, coordinator.userId, new Date(zonedDayStart(day).getTime() + 10 * HOUR));

    const week = await readPanel(coordinator, weekAheadPanel(coordinator, now));
    expect(week.todayTotal).toBe(9);
    expect(week.today.map((a) => a.startsAt.getTime())).toEqual(
      Array.from({ length: 8 }, (_, i) => wednesday.getTime() + (8 + i) * HOUR),
    );
    expect(week.today[0]!.patient).toEqual({ id: mine.id, name: `${mine.familyName}, ${mine.givenName}` });
    expect(week.laterTotal).toBe(2);
    expect(week.later.map((a) => a.startsAt)).toEqual(
      ["2026-11-26", "2026-11-29"].map((d) => new Date(zonedDayStart(d).getTime() + 10 * HOUR)),
    );
    expect(await auditTrail(coordinator.userId, "schedule.view")).toEqual([
      expect.objectContaining({ details: { view: "week", from: "2026-11-23", clinician: null, shown: 10 } }),
    ]);
  });

  it("lists the conversations overdue longest and counts them, and those with unread messages", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patientUser = await createUser("patient");
    const patient = actorFor(patientUser);
    await assignToCaseload(coordinator.userId, patientUser.patientId!, "coordinator");
    const words = { wrongType: "", tooLarge: "", refused: "" };
    const threads: string[] = [];
    for (let i = 0; i < 7; i++) {
      const start = { topic: "other" as const, subject: `Question ${i}`, body: "Hello" };
      threads.push(await startConversation(patient, patientUser.patientId!, start, "en", words));
    }
    // Six are overdue, the first longest; the last still has time.
    for (let i = 0; i < 6; i++)
      await db()
        .update(messageThreads)
        .set({ answerDueAt: new Date(Date.now() - (10 - i) * HOUR) })
        .where(eq(messageThreads.id, threads[i]!));

    const { inbox } = await getDashboard(coordinator);
    expect(inbox.overdueTotal).toBe(6);
    expect(inbox.overdue.map((t) => t.id)).toEqual(threads.slice(0, 5));
    expect(inbox.unread.map((t) => [t.id, t.unread])).toEqual(threads.slice(0, 5).map((id) => [id, 1]));
    expect(inbox.overdue[0]).toMatchObject({ subject: "Question 0", assignedToName: null });
    const [event] = await auditTrail(coordinator.userId, "message.inbox");
    expect(event?.details).toEqual({ shown: 1, patients: [patientUser.patientId] });
  });

  it("reads every panel in one statement and writes each panel's event in one insert", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const advocate = actorFor(await createUser("advocate"));
    const events = async (userId: string) =>
      (await db().select().from(auditEvents).where(eq(auditEvents.actorUserId, userId))).map((e) => e.action);

    const sent = await captureStatements(() => getDashboard(coordinator));
    expect(sent.map((s) => s.query.slice(0, 12).toLowerCase())).toEqual(["select json_", "insert into "]);
    expect((await events(coordinator.userId)).sort()).toEqual(
      [
        "appointment.change-request-list",
        "care-plan.worklist",
        "message.inbox",
        "patient.dashboard",
        "schedule.view",
      ].sort(),
    );

    const read = await getDashboard(advocate);
    expect(read.concerns).toEqual({ byStatus: [], overdue: 0, interimNoticesDue: 0 });
    expect(read.rights).toEqual({ dueSoon: 0, overdue: 0 });
    expect(read.followUps).toEqual([]);
    expect(read.changeRequests).toEqual([]);
    expect((await events(advocate.userId)).sort()).toEqual(
      [
        "advocacy.follow-ups-due",
        "care-plan.worklist",
        "message.inbox",
        "patient.dashboard",
        "schedule.view",
      ].sort(),
    );
    const { concerns, followUps, rights } = await getDashboard(coordinator);
    expect([concerns, followUps, rights]).toEqual([null, null, null]);
  });

  it("is a 404 to the admin, the patient and family, with one audited refusal and no panel read", async () => {
    for (const role of ["admin", "patient", "family"] as const) {
      const actor = actorFor(await createUser(role));
      const sent = await captureStatements(() =>
        expect(getDashboard(actor)).rejects.toBeInstanceOf(NotFoundError),
      );
      expect(sent.map((s) => s.query.slice(0, 11).toLowerCase())).toEqual(["insert into"]);
      const trail = await db()
        .select({ action: auditEvents.action, details: auditEvents.details })
        .from(auditEvents)
        .where(inArray(auditEvents.actorUserId, [actor.userId]));
      expect(trail).toEqual([
        { action: "access.denied", details: expect.objectContaining({ permission: "list:caseload" }) },
      ]);
    }
  });
});
