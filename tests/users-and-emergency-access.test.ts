import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, caseloadAssignments } from "@/db/schema";
import { can, getPatientAccess } from "@/lib/authz";
import {
  EmergencyAccessSchema,
  listEmergencyGrants,
  requestEmergencyAccess,
  reviewEmergencyGrant,
} from "@/lib/emergency-access";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import {
  assignCaseload,
  CreateUserSchema,
  createUser as createAccount,
  endCaseloadAssignment,
  getUser,
  setUserActive,
} from "@/lib/users";
import { getCaseloadTransfer, TransferCaseloadSchema, transferCaseload } from "@/lib/users/caseload-transfer";
import { auditTrail } from "./support/audit-trail";
import { databaseRefusal } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

describe("accounts", () => {
  it("validates the form: field messages for each mistake", () => {
    const result = CreateUserSchema.safeParse({
      name: "A",
      email: "nope",
      role: "family",
      password: "short",
    });
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["email", "name", "password", "patientMrn", "relationship"]);
  });

  it("creates a patient account linked to its record and refuses a second one", async () => {
    const admin = actorFor(await createUser("admin"));
    const patient = await createPatient();
    const input = {
      name: "Pat Account",
      email: `pat-${patient.mrn.toLowerCase()}@test.example`,
      role: "patient" as const,
      password: "a fine long password",
      patientMrn: patient.mrn,
    };
    const id = await createAccount(admin, input);
    expect((await getUser(admin, id)).patientMrn).toBe(patient.mrn);
    await expect(createAccount(admin, { ...input, email: `second-${input.email}` })).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(createAccount(admin, input)).rejects.toThrow("An account with that email exists.");
  });

  it("creates a family account with its grant", async () => {
    const admin = actorFor(await createUser("admin"));
    const patient = await createPatient();
    const id = await createAccount(admin, {
      name: "Fam Member",
      email: `fam-${patient.mrn.toLowerCase()}@test.example`,
      role: "family",
      password: "a fine long password",
      patientMrn: patient.mrn,
      relationship: "spouse",
    });
    const family = await getUser(admin, id);
    expect(family.familyOf.map((f) => f.relationship)).toEqual(["spouse"]);
  });

  it("refuses a stale save and names who changed the record", async () => {
    const admin = actorFor(await createUser("admin", { name: "First Admin" }));
    const other = actorFor(await createUser("admin", { name: "Second Admin" }));
    const target = await createUser("advocate");
    await setUserActive(admin, target.id, false, 1);
    const stale = await setUserActive(other, target.id, true, 1).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect(String((stale as Error).message)).toContain("First Admin");
  });

  it("assigns and ends caseloads, keeping the ended assignment", async () => {
    const admin = actorFor(await createUser("admin"));
    const advocate = await createUser("advocate");
    const patient = await createPatient();
    await assignCaseload(admin, advocate.id, { patientMrn: patient.mrn, primary: true });
    await expect(
      assignCaseload(admin, advocate.id, { patientMrn: patient.mrn, primary: false }),
    ).rejects.toBeInstanceOf(DomainError);
    const detail = await getUser(admin, advocate.id);
    expect(detail.caseload).toHaveLength(1);
    await endCaseloadAssignment(admin, detail.caseload[0]!.assignmentId);
    expect((await getUser(admin, advocate.id)).caseload).toHaveLength(0);
    const kept = await db()
      .select()
      .from(caseloadAssignments)
      .where(
        and(eq(caseloadAssignments.staffUserId, advocate.id), eq(caseloadAssignments.patientId, patient.id)),
      );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.endedAt).not.toBeNull();
  });

  it("is for admins only", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    await expect(getUser(coordinator, coordinator.userId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("emergency access", () => {
  it("needs a reason and a confirmation", () => {
    const parsed = EmergencyAccessSchema.safeParse({ patientMrn: "CB-100001", reason: "urgent" });
    expect(parsed.success).toBe(false);
    expect(Object.keys(parsed.error!.flatten().fieldErrors).sort()).toEqual(["confirm", "reason"]);
  });

  it("grants time-limited access, audits it, and lands in the admin's review list", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const admin = actorFor(await createUser("admin"));
    const patient = await createPatient();
    expect(can(coordinator, "read:patient", await getPatientAccess(coordinator, patient.id))).toBe(false);

    const { patientId, expiresAt } = await requestEmergencyAccess(coordinator, {
      patientMrn: patient.mrn,
      reason: "Covering the on-call line tonight",
      confirm: "on",
    });
    expect(patientId).toBe(patient.id);
    const minutes = (expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(235);
    expect(minutes).toBeLessThanOrEqual(240);
    expect(can(coordinator, "read:patient", await getPatientAccess(coordinator, patient.id))).toBe(true);

    const audit = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.actorUserId, coordinator.userId)));
    expect(audit.map((a) => a.action)).toEqual(["emergency-access.grant"]);

    const pending = await listEmergencyGrants(admin, { status: "pending", page: 1 });
    const grant = pending.rows.find((r) => r.patientMrn === patient.mrn);
    expect(grant?.reason).toBe("Covering the on-call line tonight");
    await reviewEmergencyGrant(admin, grant!.id, "Appropriate");
    await expect(reviewEmergencyGrant(admin, grant!.id, "again")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is not for patients, family or admins, and not for unknown MRNs", async () => {
    for (const role of ["patient", "family", "admin"] as const) {
      await expect(
        requestEmergencyAccess(actorFor(await createUser(role)), {
          patientMrn: "CB-100001",
          reason: "x".repeat(12),
          confirm: "on",
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(
      requestEmergencyAccess(actorFor(await createUser("advocate")), {
        patientMrn: "CB-000000",
        reason: "x".repeat(12),
        confirm: "on",
      }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe("moving a caseload", () => {
  /** Who holds each patient now: the current assignments of the given patients, as staff id → patient ids. */
  async function holders(patientIds: string[]) {
    const rows = await db()
      .select({
        staff: caseloadAssignments.staffUserId,
        patient: caseloadAssignments.patientId,
        primary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .where(isNull(caseloadAssignments.endedAt));
    return rows
      .filter((r) => patientIds.includes(r.patient))
      .map((r) => `${r.staff}:${r.patient}:${r.primary ? "primary" : "secondary"}`)
      .sort();
  }

  async function setUp(count = 3) {
    const admin = actorFor(await createUser("admin"));
    const from = await createUser("coordinator", { name: "Ana From" });
    const to = await createUser("coordinator", { name: "Bea To" });
    const patients = [];
    for (let i = 0; i < count; i += 1) {
      const p = await createPatient();
      await db()
        .insert(caseloadAssignments)
        .values({ staffUserId: from.id, patientId: p.id, kind: "coordinator", isPrimary: i === 0 });
      patients.push(p);
    }
    return { admin, from, to, patients, ids: patients.map((p) => p.id) };
  }

  it("lists the caseload and the active staff of the same role who can take it", async () => {
    const { admin, from, to, ids } = await setUp(2);
    const advocate = await createUser("advocate");
    const inactive = await createUser("coordinator", { active: false });
    const form = await getCaseloadTransfer(admin, from.id);
    expect(form.from).toEqual({ id: from.id, name: "Ana From", role: "coordinator" });
    expect(form.caseload.map((c) => c.patientId).sort()).toEqual([...ids].sort());
    const targets = form.targets.map((t) => t.id);
    expect(targets).toContain(to.id);
    expect(targets).not.toContain(from.id);
    expect(targets).not.toContain(advocate.id);
    expect(targets).not.toContain(inactive.id);
    await expect(getCaseloadTransfer(admin, advocate.id)).resolves.toMatchObject({
      from: { role: "advocate" },
    });
    await expect(getCaseloadTransfer(admin, admin.userId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reads the ticked boxes: at least one patient and a person to take them", () => {
    const empty = TransferCaseloadSchema.safeParse({ toUserId: "", patientIds: "" });
    expect(Object.keys(empty.error!.flatten().fieldErrors).sort()).toEqual(["patientIds", "toUserId"]);
    const id = "5e3b189c-e9fe-4929-95d5-0d63cdfe8b49";
    expect(TransferCaseloadSchema.parse({ toUserId: id, patientIds: `${id} ${id}` }).patientIds).toEqual([
      id,
    ]);
  });

  it("moves every ticked patient in one step, keeps who was primary, and audits each patient", async () => {
    const { admin, from, to, ids } = await setUp(3);
    const result = await transferCaseload(admin, from.id, { toUserId: to.id, patientIds: ids.slice(0, 2) });
    expect(result).toEqual({ toName: "Bea To", moved: 2, alreadyAssigned: [] });
    expect(await holders(ids)).toEqual(
      [`${to.id}:${ids[0]}:primary`, `${to.id}:${ids[1]}:secondary`, `${from.id}:${ids[2]}:secondary`].sort(),
    );
    const ended = await db()
      .select({ endedBy: caseloadAssignments.endedBy })
      .from(caseloadAssignments)
      .where(and(eq(caseloadAssignments.staffUserId, from.id), eq(caseloadAssignments.patientId, ids[0]!)));
    expect(ended).toEqual([{ endedBy: admin.userId }]);
    const events = await auditTrail(admin.userId, "caseload.transfer");
    expect(events.map((e) => e.patientId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(events.find((e) => e.patientId === ids[0])?.details).toMatchObject({
      fromStaffUserId: from.id,
      toStaffUserId: to.id,
      primary: true,
      alreadyAssigned: false,
    });
  });

  it("reports a patient the target already holds, keeps that assignment and makes it primary", async () => {
    const { admin, from, to, patients, ids } = await setUp(2);
    await assignToCaseload(to.id, ids[0]!, "coordinator");
    const result = await transferCaseload(admin, from.id, { toUserId: to.id, patientIds: ids });
    expect(result).toEqual({ toName: "Bea To", moved: 1, alreadyAssigned: [patients[0]!.mrn] });
    expect(await holders(ids)).toEqual([`${to.id}:${ids[0]}:primary`, `${to.id}:${ids[1]}:secondary`].sort());
  });

  it("refuses a target of another role, an inactive one and the same person, moving nothing", async () => {
    const { admin, from, ids } = await setUp(1);
    const before = await holders(ids);
    const wrong = [
      (await createUser("advocate")).id,
      (await createUser("coordinator", { active: false })).id,
      from.id,
      "00000000-0000-4000-8000-000000000000",
    ];
    for (const toUserId of wrong) {
      const error = await transferCaseload(admin, from.id, { toUserId, patientIds: ids }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fieldErrors?.toUserId).toEqual([
        "Choose an active coordinator other than Ana From.",
      ]);
    }
    expect(await holders(ids)).toEqual(before);
  });

  it("moves nothing when a ticked patient has left the caseload since the page was drawn", async () => {
    const { admin, from, to, ids } = await setUp(2);
    const stranger = await createPatient();
    await expect(
      transferCaseload(admin, from.id, { toUserId: to.id, patientIds: [...ids, stranger.id] }),
    ).rejects.toThrow(/1 of the ticked patients is no longer in Ana From's caseload/);
    expect(await holders(ids)).toEqual(
      [`${from.id}:${ids[0]}:primary`, `${from.id}:${ids[1]}:secondary`].sort(),
    );
  });

  it("is all or nothing: a failure after the first patients moved leaves every one where it was", async () => {
    const { admin, from, to, ids } = await setUp(3);
    const before = await holders(ids);
    // The database refuses the third new assignment, after two have been written in the transaction.
    await db().execute(
      sql.raw(`create function test_refuse_transfer() returns trigger language plpgsql as $$
        begin
          if (select count(*) from caseload_assignments
              where staff_user_id = new.staff_user_id and ended_at is null) >= 2 then
            raise exception 'injected failure';
          end if;
          return new;
        end $$`),
    );
    await db().execute(
      sql.raw(`create trigger test_refuse_transfer before insert on caseload_assignments for each row
        when (new.staff_user_id = '${to.id}') execute function test_refuse_transfer()`),
    );
    try {
      const error = await transferCaseload(admin, from.id, { toUserId: to.id, patientIds: ids }).catch(
        (e) => e,
      );
      expect(databaseRefusal(error)?.message).toBe("injected failure");
    } finally {
      await db().execute(sql.raw("drop trigger test_refuse_transfer on caseload_assignments"));
      await db().execute(sql.raw("drop function test_refuse_transfer()"));
    }
    expect(await holders(ids)).toEqual(before);
    const events = await auditTrail(admin.userId, "caseload.transfer");
    expect(events.filter((e) => ids.includes(e.patientId!))).toEqual([]);
    // The same move, with nothing in its way, goes through whole.
    await expect(
      transferCaseload(admin, from.id, { toUserId: to.id, patientIds: ids }),
    ).resolves.toMatchObject({
      moved: 3,
    });
  });

  it("is the admin's alone", async () => {
    const { from, to, ids } = await setUp(1);
    const coordinator = actorFor(await createUser("coordinator"));
    await expect(
      transferCaseload(coordinator, from.id, { toUserId: to.id, patientIds: ids }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseloadTransfer(coordinator, from.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(coordinator.userId, "access.denied")).toHaveLength(2);
    expect(await holders(ids)).toEqual([`${from.id}:${ids[0]}:primary`]);
  });
});
