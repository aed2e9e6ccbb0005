import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { concerns, notifications } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { intakeConcern } from "@/lib/concerns";
import { MESSAGES } from "@/lib/i18n/messages";
import { startConversation } from "@/lib/messages";
import { alertOverdue, sendDailyDigest } from "@/lib/notifications/schedules";
import { fileRightsRequest } from "@/lib/rights-requests";
import { addDaysIso, zonedDate } from "@/lib/time";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

let coordinator: Actor;
let advocate: Actor;
let idle: Actor;
let patientId: string;
let patient: Actor;

beforeAll(async () => {
  patientId = (await createPatient()).id;
  coordinator = actorFor(await createUser("coordinator"));
  advocate = actorFor(await createUser("advocate"));
  // Someone with nothing waiting on them: never told.
  idle = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await assignToCaseload(advocate.userId, patientId, "advocate");
  patient = actorFor(await createUser("patient", { patientId }));
});

const toldTo = (key: string) =>
  db()
    .select({ to: notifications.recipientUserId, channel: notifications.channel, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.eventKey, key));

describe("the scheduled jobs", () => {
  it("are installed as pg-boss cron entries in the organisation's time zone", async () => {
    const rows = await queryRows<{ name: string; cron: string; timezone: string }>(
      db(),
      sql`select name, cron, timezone from pgboss.schedule order by name`,
    );
    expect(rows).toEqual([
      { name: "daily-digest", cron: "0 7 * * *", timezone: "America/New_York" },
      { name: "overdue-check", cron: "*/5 * * * *", timezone: "America/New_York" },
    ]);
  });

  it("an overdue rights request alerts the patient's advocate once, by bell and email; the coordinator is not told", async () => {
    const today = zonedDate();
    const id = await fileRightsRequest(advocate, patientId, {
      type: "access",
      receivedOn: addDaysIso(today, -31),
      details: "A copy of my records.",
      requestedForm: null,
      healthPlanSelfPay: false,
    });
    const told = await alertOverdue();
    expect(told).toBeGreaterThanOrEqual(2);
    const [request] = await queryRows<{ due: string }>(
      db(),
      sql`select coalesce(extended_due_on, due_on)::text as due from rights_requests where id = ${id}`,
    );
    const rows = await toldTo(`overdue:rights:${id}:${request!.due}`);
    expect(rows.map((r) => [r.to, r.channel]).sort()).toEqual(
      [
        [advocate.userId, "email"],
        [advocate.userId, "portal"],
      ].sort(),
    );
    expect(rows[0]!.link).toBe(`/patients/${patientId}/rights-requests#request-${id}`);
    // The next check tells nobody again.
    expect(await alertOverdue()).toBe(0);
  });

  it("an overdue grievance alerts its assigned advocate; one not yet due alerts nobody", async () => {
    const intake = {
      raisedBy: "patient" as const,
      raisedByName: null,
      category: "communication" as const,
      severity: "medium" as const,
      whatHappened: "Nobody called back.",
      desiredOutcome: "A call.",
      eventDate: null,
      aboutDischarge: false,
      confidential: false,
    };
    const late = await intakeConcern(advocate, patientId, intake);
    const fresh = await intakeConcern(advocate, patientId, intake);
    await db()
      .update(concerns)
      .set({ resolveDueAt: new Date(Date.now() - 3_600_000), assignedAdvocateId: advocate.userId })
      .where(eq(concerns.id, late));
    await alertOverdue();
    const [row] = await db()
      .select({ due: concerns.resolveDueAt })
      .from(concerns)
      .where(eq(concerns.id, late));
    expect((await toldTo(`overdue:concern:${late}:${row!.due.toISOString()}`)).map((r) => r.to)).toEqual([
      advocate.userId,
      advocate.userId,
    ]);
    const [any] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from notifications where event_key like ${`overdue:concern:${fresh}:%`}`,
    );
    expect(any!.n).toBe(0);
  });

  it("the 7:00 digest tells staff with work waiting, once a day, and nobody with none", async () => {
    await startConversation(
      patient,
      patientId,
      { topic: "other", subject: "Una pregunta", body: "¿Cuándo es mi cita?" },
      "es",
      MESSAGES.es.conversations.errors,
    );
    const key = `digest:${zonedDate()}`;
    expect(await sendDailyDigest()).toBeGreaterThanOrEqual(2);
    const rows = await toldTo(key);
    const told = new Set(rows.map((r) => r.to));
    expect(told.has(coordinator.userId)).toBe(true);
    expect(told.has(idle.userId)).toBe(false);
    expect(
      rows
        .filter((r) => r.to === coordinator.userId)
        .map((r) => [r.channel, r.link])
        .sort(),
    ).toEqual([
      ["email", "/my-work"],
      ["portal", "/my-work"],
    ]);
    expect(await sendDailyDigest()).toBe(0);
    const [emails] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.eventKey, key), eq(notifications.channel, "email")));
    expect(emails!.n).toBe(told.size);
  });
});
