import { and, eq } from "drizzle-orm";
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
import { actorFor, createPatient, createUser } from "./support/factories";

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
