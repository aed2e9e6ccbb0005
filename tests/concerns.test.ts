import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  auditEvents,
  CONCERN_STATUSES,
  CONCERN_TRANSITIONS,
  concerns,
  concernTransitions,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { addBusinessDays, addCalendarDays, concernDueDates } from "@/lib/clocks";
import {
  assignConcern,
  concernSchemas,
  getConcern,
  getConcernDashboard,
  intakeConcern,
  listConcernWorklist,
  listPatientConcerns,
  nextStatuses,
  referToQio,
  resolveConcern,
  sendInterimNotice,
  setConcernConfidential,
  transitionConcern,
} from "@/lib/concerns";
import { type DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const NY = "America/New_York";
const today = zonedDate();
const intake = (extra: Record<string, unknown> = {}) => ({
  raisedBy: "patient" as const,
  raisedByName: null,
  category: "communication" as const,
  severity: "medium" as const,
  whatHappened: "Nobody called back about the scan results for two weeks.",
  desiredOutcome: "A call from the doctor and an apology.",
  eventDate: today,
  aboutDischarge: false,
  confidential: false,
  ...extra,
});
const response = (version: number) => ({
  responseContact: "Avery Patel, patient advocate, (413) 555-0120",
  responseSteps: "Spoke with the clinic manager and read the call log.",
  responseResults: "The result was filed without a call. The clinic now calls within 2 days.",
  responseCompletedOn: today,
  responseStepsEnglish: null,
  responseResultsEnglish: null,
  version,
});

describe("the clocks", () => {
  it("counts business days over a weekend and across the autumn clock change", () => {
    // Friday 16:00 → Monday 16:00.
    expect(addBusinessDays(new Date("2026-11-20T21:00:00Z"), 1, NY).toISOString()).toBe(
      "2026-11-23T21:00:00.000Z",
    );
    // Saturday 31 October 10:00 EDT → Monday 2 November 10:00 EST (one hour more in UTC).
    expect(addBusinessDays(new Date("2026-10-31T14:00:00Z"), 1, NY).toISOString()).toBe(
      "2026-11-02T15:00:00.000Z",
    );
  });

  it("counts calendar days in the organisation's zone across month ends, leap days and DST", () => {
    expect(addCalendarDays(new Date("2028-02-28T15:00:00Z"), 1, NY).toISOString()).toBe(
      "2028-02-29T15:00:00.000Z",
    );
    expect(addCalendarDays(new Date("2026-01-31T15:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-02-07T15:00:00.000Z",
    );
    // 9:00 EDT on 28 October + 7 days is 9:00 EST on 4 November.
    expect(addCalendarDays(new Date("2026-10-28T13:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-11-04T14:00:00.000Z",
    );
  });

  it("gives urgent concerns shorter clocks", () => {
    const received = new Date("2026-11-24T15:00:00Z");
    const urgent = concernDueDates(received, "urgent", NY);
    const usual = concernDueDates(received, "medium", NY);
    expect(urgent.acknowledgeDueAt.toISOString()).toBe("2026-11-24T19:00:00.000Z");
    expect(urgent.resolveDueAt.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    expect(usual.acknowledgeDueAt.toISOString()).toBe("2026-11-25T15:00:00.000Z");
    expect(usual.resolveDueAt.toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });
});

describe("the concern workflow's transition table", () => {
  it("is the same list in the domain, the check constraint and the trigger, pair by pair", async () => {
    const migration = readFileSync("db/migrations/0008_concerns.sql", "utf8");
    const trigger = migration.slice(migration.indexOf("CREATE OR REPLACE FUNCTION concerns_guard_workflow"));
    const listed = [...trigger.matchAll(/'([a-z-]+)>([a-z-]+)'/g)].map((m) => `${m[1]}>${m[2]}`);
    expect(listed.sort()).toEqual(CONCERN_TRANSITIONS.map(([f, t]) => `${f}>${t}`).sort());

    const advocate = actorFor(await createUser("advocate"));
    const patient = await createPatient();
    await assignToCaseload(advocate.userId, patient.id, "advocate");
    const id = await intakeConcern(advocate, patient.id, intake());
    for (const from of CONCERN_STATUSES) {
      expect(nextStatuses(from)).toEqual(CONCERN_TRANSITIONS.filter(([f]) => f === from).map(([, t]) => t));
      for (const to of CONCERN_STATUSES) {
        const allowed = CONCERN_TRANSITIONS.some(([f, t]) => f === from && t === to);
        const insert = db()
          .insert(concernTransitions)
          .values({ concernId: id, fromStatus: from, toStatus: to, actorId: advocate.userId });
        if (allowed) await insert;
        else await expectDatabaseError(insert, { code: "23514", constraint: "concern_transitions_allowed" });
      }
    }
  });
});

describe("concerns", () => {
  let advocate: Actor;
  let coordinator: Actor;
  let outsider: Actor;
  let patientId: string;

  beforeEach(async () => {
    advocate = actorFor(await createUser("advocate", { name: "Avery First" }));
    coordinator = actorFor(await createUser("coordinator"));
    outsider = actorFor(await createUser("advocate"));
    patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
  });

  it("goes from intake to a resolution with the written response, each move logged", async () => {
    const id = await intakeConcern(advocate, patientId, intake());
    const fresh = (await getConcern(advocate, patientId, id)).concern;
    expect(fresh).toMatchObject({ status: "open", assignedAdvocateName: "Avery First", version: 1 });
    expect(fresh.acknowledgeDueAt.getTime()).toBeGreaterThan(fresh.receivedAt.getTime());

    const early = await resolveConcern(advocate, id, response(1)).catch((e: unknown) => e);
    expect((early as Error).message).toBe("A concern that is open cannot move to resolved.");
    const skip = (await transitionConcern(advocate, id, { to: "closed", note: null, version: 1 }).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(skip.fieldErrors.to).toBeDefined();

    await transitionConcern(advocate, id, {
      to: "acknowledged",
      note: "Called the patient back.",
      version: 1,
    });
    await transitionConcern(advocate, id, { to: "in-review", note: null, version: 2 });
    await transitionConcern(advocate, id, { to: "escalated", note: "To the clinic manager.", version: 3 });
    const stale = await transitionConcern(advocate, id, { to: "in-review", note: null, version: 3 }).catch(
      (e: unknown) => e,
    );
    expect(stale).toBeInstanceOf(StaleVersionError);
    await resolveConcern(advocate, id, response(4));
    await transitionConcern(advocate, id, { to: "closed", note: null, version: 5 });

    const done = (await getConcern(advocate, patientId, id)).concern;
    expect(done.status).toBe("closed");
    expect(done.response?.contact).toContain("Avery Patel");
    expect(done.transitions.map((t) => `${t.from ?? ""}>${t.to}`)).toEqual([
      ">open",
      "open>acknowledged",
      "acknowledged>in-review",
      "in-review>escalated",
      "escalated>resolved",
      "resolved>closed",
    ]);
    expect(done.transitions[1]).toMatchObject({ note: "Called the patient back.", by: "Avery First" });
    await expect(
      transitionConcern(advocate, id, { to: "in-review", note: null, version: 6 }),
    ).rejects.toThrow("closed");
    await expectDatabaseError(db().execute(sql`update concerns set status = 'open' where id = ${id}`), {
      code: "23514",
      trigger: "concerns_workflow",
      message: "a closed concern cannot change",
    });
  });

  it("refuses a resolution without every part of the response, on the fields", () => {
    const schemas = concernSchemas(today);
    const missing = schemas.resolve.safeParse({ responseContact: "", responseSteps: "x", version: "2" });
    const fields = missing.error!.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual([
      "responseCompletedOn",
      "responseContact",
      "responseResults",
      "responseSteps",
    ]);
    const future = schemas.intake.safeParse({ ...intake(), eventDate: addDaysIso(today, 1) });
    expect(future.error!.flatten().fieldErrors.eventDate).toEqual(["The event cannot be in the future."]);
  });

  it("hides a confidential concern from coordinators entirely, and audits every read", async () => {
    const open = await intakeConcern(advocate, patientId, intake());
    const secret = await intakeConcern(
      advocate,
      patientId,
      intake({ confidential: true, category: "respect-and-discrimination" }),
    );
    expect((await listPatientConcerns(coordinator, patientId)).concerns.map((c) => c.id)).toEqual([open]);
    await expect(getConcern(coordinator, patientId, secret)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listPatientConcerns(advocate, patientId)).concerns).toHaveLength(2);
    await getConcern(advocate, patientId, secret);
    const reads = await db()
      .select({ actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, secret), eq(auditEvents.action, "concern.read")));
    expect(reads.map((r) => r.actor)).toEqual([advocate.userId]);
    // Marking an ordinary concern confidential hides it too; coordinators cannot write at all.
    await setConcernConfidential(advocate, open, { confidential: true, version: 1 });
    expect((await listPatientConcerns(coordinator, patientId)).concerns).toHaveLength(0);
    await expect(
      transitionConcern(coordinator, open, { to: "acknowledged", note: null, version: 2 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(intakeConcern(outsider, patientId, intake())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refers only quality-of-care or discharge concerns to the QIO, and records interim notices", async () => {
    const billing = await intakeConcern(advocate, patientId, intake({ category: "billing-and-insurance" }));
    const refused = (await referToQio(advocate, billing, { referredOn: today, version: 1 }).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(refused.fieldErrors.referredOn?.[0]).toContain("quality of care");
    const discharge = await intakeConcern(
      advocate,
      patientId,
      intake({ category: "other", aboutDischarge: true }),
    );
    await referToQio(advocate, discharge, { referredOn: today, version: 1 });
    await sendInterimNotice(advocate, discharge, {
      expectedBy: addDaysIso(today, 10),
      message: "We are still looking into this with the ward.",
      version: 2,
    });
    const c = (await getConcern(advocate, patientId, discharge)).concern;
    expect(c.qioReferredOn).toBe(today);
    expect(c.interim?.expectedBy).toBe(addDaysIso(today, 10));
    const other = actorFor(await createUser("advocate", { name: "Dana Second" }));
    await assignConcern(advocate, discharge, { advocateId: other.userId, version: 3 });
    expect((await getConcern(advocate, patientId, discharge)).concern.assignedAdvocateName).toBe(
      "Dana Second",
    );
    const notAdvocate = (await assignConcern(advocate, discharge, {
      advocateId: coordinator.userId,
      version: 4,
    }).catch((e: unknown) => e)) as DomainError;
    expect(notAdvocate.fieldErrors.advocateId).toBeDefined();
  });

  it("lists the caseload's concerns by what falls due first, with overdue marked, filters and paging", async () => {
    const usual = await intakeConcern(advocate, patientId, intake());
    const urgent = await intakeConcern(
      advocate,
      patientId,
      intake({ severity: "urgent", category: "safety" }),
    );
    const late = await intakeConcern(advocate, patientId, intake());
    await db()
      .update(concerns)
      .set({
        acknowledgeDueAt: new Date(Date.now() - 86_400_000),
        resolveDueAt: new Date(Date.now() - 3_600_000),
      })
      .where(eq(concerns.id, late));
    const list = await listConcernWorklist(advocate, { page: 1 });
    expect(list.items.map((c) => c.id)).toEqual([late, urgent, usual]);
    expect(list.items[0]).toMatchObject({ overdue: true, interimNoticeDue: true });
    expect(list.items[1]!.overdue).toBe(false);
    // The advocate filter offers those holding the caseload's concerns, not every advocate.
    expect(list.advocates.map((a) => a.id)).toEqual([advocate.userId]);
    expect(
      (await listConcernWorklist(advocate, { page: 1, severity: "urgent" })).items.map((c) => c.id),
    ).toEqual([urgent]);
    expect((await listConcernWorklist(advocate, { page: 2 })).items).toHaveLength(0);
    expect(await listConcernWorklist(outsider, { page: 1 })).toMatchObject({ total: 0, advocates: [] });
    const dashboard = await getConcernDashboard(advocate);
    expect(dashboard.byStatus.map((r) => [r.status, r.count])).toEqual([["open", 3]]);
    expect(dashboard).toMatchObject({ overdue: 1, interimNoticesDue: 1 });
    await expect(listConcernWorklist(coordinator, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits the patient's list and one concern naming the patient; a refused caller leaves only access.denied", async () => {
    const id = await intakeConcern(advocate, patientId, intake());
    await listPatientConcerns(advocate, patientId);
    await getConcern(advocate, patientId, id);
    expect(await auditTrail(advocate.userId, "concern.list")).toEqual([
      { action: "concern.list", patientId, entityType: "patient", entityId: patientId, details: null },
    ]);
    expect(await auditTrail(advocate.userId, "concern.read")).toEqual([
      {
        action: "concern.read",
        patientId,
        entityType: "concern",
        entityId: id,
        details: { confidential: false },
      },
    ]);

    await expect(listPatientConcerns(outsider, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConcern(outsider, patientId, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(outsider.userId, "concern.list")).toEqual([]);
    expect(await auditTrail(outsider.userId, "concern.read")).toEqual([]);
    expect(await auditTrail(outsider.userId, "access.denied")).toEqual([
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:concern" }),
      }),
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:concern" }),
      }),
    ]);
  });

  it("keeps one of 10 concurrent moves made from the same version; the rest are stale, one transition row", async () => {
    const id = await intakeConcern(advocate, patientId, intake());
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        transitionConcern(advocate, id, { to: "acknowledged", note: `try ${i}`, version: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
    const moves = await db().select().from(concernTransitions).where(eq(concernTransitions.concernId, id));
    expect(moves.map((m) => m.toStatus).sort()).toEqual(["acknowledged", "open"]);
  });

  it("audits each change with its move, and the worklist with its page and filter", async () => {
    const id = await intakeConcern(advocate, patientId, intake());
    await transitionConcern(advocate, id, { to: "acknowledged", note: null, version: 1 });
    await setConcernConfidential(advocate, id, { confidential: true, version: 2 });
    expect(await auditTrail(advocate.userId, "concern.transition")).toEqual([
      {
        action: "concern.transition",
        patientId,
        entityType: "concern",
        entityId: id,
        details: { from: "open", to: "acknowledged" },
      },
    ]);
    expect(await auditTrail(advocate.userId, "concern.confidential")).toEqual([
      expect.objectContaining({ entityId: id, details: { confidential: true } }),
    ]);
    const [saved] = await db().select().from(concerns).where(eq(concerns.id, id));
    expect(saved).toMatchObject({ version: 3, updatedBy: advocate.userId, status: "acknowledged" });

    await listConcernWorklist(advocate, { page: 1, status: "active" });
    expect(await auditTrail(advocate.userId, "concern.worklist")).toEqual([
      expect.objectContaining({
        patientId: null,
        details: { page: 1, status: "active", shown: 1, patients: [patientId] },
      }),
    ]);
  });
});
