import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { rightsDueOn, rightsExtendedDueOn } from "@/lib/clocks";
import { type DomainError, NotFoundError } from "@/lib/errors";
import {
  decideRightsRequest,
  extendRightsRequest,
  fileRightsRequest,
  getRightsCounts,
  getRightsRequest,
  listPatientRightsRequests,
  listRightsWorklist,
  recordDisagreement,
  recordRightsResponse,
  rightsSchemas,
} from "@/lib/rights-requests";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const request = (
  type: "access" | "amendment" | "accounting" | "restriction" | "confidential-communication",
  extra = {},
) => ({
  type,
  receivedOn: today,
  details: "A copy of everything from the March admission.",
  requestedForm: "Electronic copy by secure email",
  healthPlanSelfPay: false,
  ...extra,
});
const denial = (version: number, extra = {}) => ({
  decision: "denied" as const,
  reasonCode: "accurate-complete",
  reason: "We checked with the surgeon: the record is accurate and complete.",
  disagreementRightStated: true,
  decidedOn: today,
  version,
  ...extra,
});

describe("rights-request clocks, in calendar days", () => {
  it("counts across month ends, leap days and the day the clocks change", () => {
    expect(rightsDueOn("access", "2028-01-30")).toBe("2028-02-29");
    expect(rightsDueOn("access", "2027-01-31")).toBe("2027-03-02");
    expect(rightsDueOn("amendment", "2026-12-31")).toBe("2027-03-01");
    expect(rightsExtendedDueOn("access", "2028-02-29")).toBe("2028-03-30");
    expect(rightsExtendedDueOn("restriction", "2028-02-29")).toBeNull();
    // 00:30 on 1 November 2026 in New York (EDT) is still the 1st there, though 04:30 UTC.
    const received = zonedDate(new Date("2026-11-01T04:30:00Z"), "America/New_York");
    expect(received).toBe("2026-11-01");
    expect(rightsDueOn("access", received)).toBe("2026-12-01");
    expect(rightsDueOn("confidential-communication", "2026-11-01")).toBe("2026-11-11");
  });
});

describe("rights requests", () => {
  let advocate: Actor;
  let coordinator: Actor;
  let patientId: string;

  beforeEach(async () => {
    advocate = actorFor(await createUser("advocate", { name: "Avery First" }));
    coordinator = actorFor(await createUser("coordinator"));
    patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
  });

  it("extends once, before the deadline, with a reason; decides, answers and records a disagreement", async () => {
    const id = await fileRightsRequest(advocate, patientId, request("amendment"));
    const [filed] = (await listPatientRightsRequests(coordinator, patientId)).requests;
    expect(filed).toMatchObject({
      dueOn: addDaysIso(today, 60),
      effectiveDueOn: addDaysIso(today, 60),
      canExtend: true,
    });

    await extendRightsRequest(advocate, id, {
      reason: "The records are held at the off-site archive.",
      notifiedOn: today,
      version: 1,
    });
    const again = (await extendRightsRequest(advocate, id, {
      reason: "Still waiting for the archive.",
      notifiedOn: today,
      version: 2,
    }).catch((e: unknown) => e)) as DomainError;
    expect(again.fieldErrors.reason?.[0]).toContain("only one extension");
    expect((await listPatientRightsRequests(advocate, patientId)).requests[0]!.effectiveDueOn).toBe(
      addDaysIso(today, 90),
    );

    const unexplained = (await decideRightsRequest(advocate, id, denial(2, { reason: null })).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(unexplained.fieldErrors.reason).toBeDefined();
    const silent = (await decideRightsRequest(
      advocate,
      id,
      denial(2, { disagreementRightStated: false }),
    ).catch((e: unknown) => e)) as DomainError;
    expect(silent.fieldErrors.disagreementRightStated).toBeDefined();
    await decideRightsRequest(advocate, id, denial(2));
    await recordRightsResponse(advocate, id, { sentOn: today, version: 3 });
    await recordDisagreement(advocate, id, {
      statement: "The note says I refused physiotherapy. I never did.",
      receivedOn: today,
      version: 4,
    });
    const [done] = (await listPatientRightsRequests(advocate, patientId)).requests;
    expect(done).toMatchObject({ decision: "denied", responseSentOn: today, overdue: false });
    expect(done!.disagreementStatement).toContain("I never did");
    await expect(decideRightsRequest(advocate, id, denial(5, { decision: "granted" }))).rejects.toThrow(
      "decision stands",
    );
    await expectDatabaseError(
      db().execute(sql`update rights_requests set decision = 'granted' where id = ${id}`),
      {
        code: "23514",
        trigger: "rights_requests_kept",
        message: "the decision was sent to the patient and cannot change",
      },
    );
  });

  it("refuses an extension after the deadline and one for a request that has none", async () => {
    const late = await fileRightsRequest(
      advocate,
      patientId,
      request("access", { receivedOn: addDaysIso(today, -45) }),
    );
    const refused = (await extendRightsRequest(advocate, late, {
      reason: "The archive is slow this month.",
      notifiedOn: addDaysIso(today, -20),
      version: 1,
    }).catch((e: unknown) => e)) as DomainError;
    expect(refused.message).toContain("first deadline has passed");
    const restriction = await fileRightsRequest(advocate, patientId, request("restriction"));
    await expect(
      extendRightsRequest(advocate, restriction, {
        reason: "We need more time.",
        notifiedOn: today,
        version: 1,
      }),
    ).rejects.toThrow("no extension");
    const [row] = await db().select().from(rightsRequests).where(eq(rightsRequests.id, late));
    expect(row!.extendedDueOn).toBeNull();
  });

  it("never lets a self-paid restriction towards a health plan be denied, in the domain or the database", async () => {
    const id = await fileRightsRequest(
      advocate,
      patientId,
      request("restriction", { healthPlanSelfPay: true }),
    );
    const refused = (await decideRightsRequest(advocate, id, {
      ...denial(1),
      reasonCode: "not-required",
    }).catch((e: unknown) => e)) as DomainError;
    expect(refused.fieldErrors.decision?.[0]).toContain("must be granted");
    await expectDatabaseError(
      db().execute(
        sql`update rights_requests set decision = 'denied', decided_on = ${today}, decision_reason = 'x' where id = ${id}`,
      ),
      { code: "23514", constraint: "rights_requests_self_pay_restriction_granted" },
    );
    await decideRightsRequest(advocate, id, {
      ...denial(1),
      decision: "granted",
      reasonCode: null,
      reason: null,
    });
  });

  it("puts due and overdue requests first on the worklist and counts them; coordinators read, never write", async () => {
    const overdue = await fileRightsRequest(
      advocate,
      patientId,
      request("access", { receivedOn: addDaysIso(today, -32) }),
    );
    const soon = await fileRightsRequest(
      advocate,
      patientId,
      request("access", { receivedOn: addDaysIso(today, -25) }),
    );
    const later = await fileRightsRequest(advocate, patientId, request("amendment"));
    const list = await listRightsWorklist(advocate, { page: 1 });
    expect(list.items.map((r) => r.id)).toEqual([overdue, soon, later]);
    expect(list.items.map((r) => [r.overdue, r.dueSoon])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect(await getRightsCounts(advocate)).toEqual({ dueSoon: 1, overdue: 1 });
    await expect(fileRightsRequest(coordinator, patientId, request("access"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(listRightsWorklist(coordinator, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits the worklist naming the patients it showed; a role without it is refused, with no worklist event", async () => {
    await fileRightsRequest(advocate, patientId, request("access"));
    await fileRightsRequest(advocate, patientId, request("amendment"));
    await listRightsWorklist(advocate, { page: 1 });
    expect(await auditTrail(advocate.userId, "rights-request.worklist")).toEqual([
      expect.objectContaining({ patientId: null, details: { page: 1, shown: 1, patients: [patientId] } }),
    ]);
    await expect(listRightsWorklist(coordinator, { page: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(coordinator.userId, "rights-request.worklist")).toEqual([]);
    expect(await auditTrail(coordinator.userId, "access.denied")).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ permission: "work:rightsRequests" }) }),
    ]);
  });

  it("audits a patient's list and a letter's read under the patient; an outsider is refused and audited", async () => {
    const id = await fileRightsRequest(advocate, patientId, request("access"));
    const list = await listPatientRightsRequests(coordinator, patientId);
    expect(list.patient.id).toBe(patientId);
    expect(list.canWrite, "coordinators read, never write").toBe(false);
    expect(await auditTrail(coordinator.userId, "rights-request.list")).toEqual([
      expect.objectContaining({ patientId, entityType: "patient", entityId: patientId, details: null }),
    ]);
    const letter = await getRightsRequest(advocate, patientId, id);
    expect(letter.request.id).toBe(id);
    expect(await auditTrail(advocate.userId, "rights-request.letter")).toEqual([
      expect.objectContaining({ patientId, entityType: "rights_request", entityId: id, details: null }),
    ]);

    const outsider = actorFor(await createUser("coordinator"));
    await expect(listPatientRightsRequests(outsider, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getRightsRequest(outsider, patientId, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(outsider.userId, "rights-request.list")).toEqual([]);
    expect(await auditTrail(outsider.userId, "rights-request.letter")).toEqual([]);
    expect(await auditTrail(outsider.userId, "access.denied")).toEqual([
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:rightsRequest" }),
      }),
      expect.objectContaining({
        patientId,
        details: expect.objectContaining({ permission: "read:rightsRequest" }),
      }),
    ]);
  });

  it("audits each step of a request against it, by version, and names who saved first when stale", async () => {
    const id = await fileRightsRequest(advocate, patientId, request("access"));
    await decideRightsRequest(advocate, id, { ...denial(1), reasonCode: "not-held" });
    expect(await auditTrail(advocate.userId, "rights-request.decide")).toEqual([
      expect.objectContaining({ patientId, entityType: "rights_request", entityId: id }),
    ]);
    const [row] = await db().select().from(rightsRequests).where(eq(rightsRequests.id, id));
    expect(row).toMatchObject({ version: 2, updatedBy: advocate.userId, decision: "denied" });
    await expect(recordRightsResponse(advocate, id, { sentOn: today, version: 1 })).rejects.toThrow(
      "Avery First",
    );
    await expect(recordRightsResponse(coordinator, id, { sentOn: today, version: 2 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await auditTrail(coordinator.userId, "rights-request.respond")).toEqual([]);
  });

  it("refuses a received date in the future on its field", () => {
    const bad = rightsSchemas(today).file.safeParse({
      ...request("access"),
      receivedOn: addDaysIso(today, 1),
    });
    expect(bad.error!.flatten().fieldErrors.receivedOn).toEqual([
      "The received date cannot be in the future.",
    ]);
  });
});
