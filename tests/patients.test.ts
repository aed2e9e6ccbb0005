import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, caseloadAssignments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { getPatientOverview, getStaffDashboard, listCaseload, parsePatientSearch } from "@/lib/patients";
import { CaseloadQuerySchema } from "@/lib/patients/schemas";
import { UserListQuerySchema } from "@/lib/users/schemas";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const query = (
  q = "",
  extra: Partial<{ sort: "name" | "mrn" | "dob"; dir: "asc" | "desc"; page: number }> = {},
) => ({
  q,
  sort: "name" as const,
  dir: "asc" as const,
  page: 1,
  ...extra,
});

describe("reading the search box", () => {
  it("tells a date of birth, an MRN and a name apart", () => {
    expect(parsePatientSearch("1956-03-14")).toEqual({ kind: "dob", date: "1956-03-14" });
    expect(parsePatientSearch("3/14/1956")).toEqual({ kind: "dob", date: "1956-03-14" });
    expect(parsePatientSearch("CB-100001")).toEqual({ kind: "mrn", prefix: "CB-100001" });
    expect(parsePatientSearch("100001")).toEqual({ kind: "mrn", prefix: "CB-100001" });
    expect(parsePatientSearch("Alvarez, Maria")).toEqual({ kind: "name", words: ["Alvarez", "Maria"] });
    expect(parsePatientSearch("2023-02-30")).toEqual({ kind: "name", words: ["2023-02-30"] });
    expect(parsePatientSearch("  ")).toEqual({ kind: "none" });
    expect(parsePatientSearch("%_")).toEqual({ kind: "none" });
  });
});

describe("the caseload list", () => {
  let coordinator: ReturnType<typeof actorFor>;
  let otherCoordinator: ReturnType<typeof actorFor>;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    otherCoordinator = actorFor(await createUser("coordinator"));
    for (let i = 0; i < 30; i++) {
      const p = await createPatient({
        mrn: `CB-${200000 + i}`,
        givenName: i === 7 ? "Ximena" : "Pat",
        familyName: `Okafor${String(i).padStart(2, "0")}`,
        dateOfBirth: i === 3 ? "1948-12-25" : "1980-06-01",
      });
      await assignToCaseload(coordinator.userId, p.id, "coordinator");
    }
    const stranger = await createPatient({ mrn: "CB-299999", givenName: "Ximena", familyName: "Stranger" });
    await assignToCaseload(otherCoordinator.userId, stranger.id, "coordinator");
  });

  it("shows only the actor's own caseload, paged by 25", async () => {
    const first = await listCaseload(coordinator, query());
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(25);
    const second = await listCaseload(coordinator, query("", { page: 2 }));
    expect(second.items).toHaveLength(5);
    expect(second.items.map((p) => p.mrn)).not.toContain("CB-299999");
  });

  it("finds by name, MRN and date of birth, within the caseload only", async () => {
    expect((await listCaseload(coordinator, query("Ximena"))).items.map((p) => p.mrn)).toEqual(["CB-200007"]);
    expect((await listCaseload(coordinator, query("CB-200003"))).items.map((p) => p.mrn)).toEqual([
      "CB-200003",
    ]);
    expect((await listCaseload(coordinator, query("12/25/1948"))).items.map((p) => p.mrn)).toEqual([
      "CB-200003",
    ]);
    expect((await listCaseload(coordinator, query("CB-299999"))).total).toBe(0);
  });

  it("reads a search from the address bar whatever it holds, a NUL character included", async () => {
    // A NUL (%00 in the address) used to reach PostgreSQL, which cannot hold one: a server error.
    const typed = CaseloadQuerySchema.parse({ q: "Xim\u0000ena" });
    expect(typed.q).toBe("Ximena");
    expect((await listCaseload(coordinator, { ...query(), ...typed })).items.map((p) => p.mrn)).toEqual([
      "CB-200007",
    ]);
    expect(CaseloadQuerySchema.parse({ q: "x".repeat(101) }).q).toBe("");
    expect(CaseloadQuerySchema.parse({}).q).toBe("");
    expect(UserListQuerySchema.parse({ q: " ad\u0000min " }).q).toBe("admin");
  });

  it("sorts by MRN both ways", async () => {
    const desc = await listCaseload(coordinator, query("", { sort: "mrn", dir: "desc" }));
    expect(desc.items[0]!.mrn).toBe("CB-200029");
    const asc = await listCaseload(coordinator, query("", { sort: "mrn", dir: "asc" }));
    expect(asc.items[0]!.mrn).toBe("CB-200000");
  });

  it("is not open to patients, family or admins", async () => {
    for (const role of ["patient", "family", "admin"] as const) {
      await expect(listCaseload(actorFor(await createUser(role)), query())).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
  });

  it("refuses an out-of-caseload record and a record that does not exist in the same way", async () => {
    const outside = await createPatient();
    const refusals = await Promise.all([
      getPatientOverview(coordinator, outside.id).catch((e: unknown) => e),
      getPatientOverview(coordinator, "00000000-0000-4000-8000-000000000000").catch((e: unknown) => e),
    ]);
    expect(refusals[0]).toBeInstanceOf(NotFoundError);
    expect(refusals[1]).toBeInstanceOf(NotFoundError);
    expect(String(refusals[0])).toBe(String(refusals[1]));
  });
});

describe("the staff dashboard's caseload summary", () => {
  it("counts the current caseload and lists the records opened last, newest first, each once", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    expect(await getStaffDashboard(coordinator)).toEqual({ caseloadCount: 0, recent: [] });

    const patients = [];
    for (let i = 0; i < 7; i++) {
      const p = await createPatient({ givenName: `Recent${i}` });
      await assignToCaseload(coordinator.userId, p.id, "coordinator");
      patients.push(p);
    }
    // No longer in the caseload: an archived record and an ended assignment.
    const archived = await createPatient({ archivedAt: new Date() });
    await assignToCaseload(coordinator.userId, archived.id, "coordinator");
    const ended = await createPatient();
    await db().insert(caseloadAssignments).values({
      staffUserId: coordinator.userId,
      patientId: ended.id,
      kind: "coordinator",
      endedAt: new Date(),
    });
    // Opened in order 0..6, the first twice (again last but one); someone else's opening does not count.
    for (const p of patients) await getPatientOverview(coordinator, p.id);
    await getPatientOverview(coordinator, patients[0]!.id);
    await getPatientOverview(coordinator, patients[6]!.id);
    const colleague = actorFor(await createUser("coordinator"));
    await assignToCaseload(colleague.userId, patients[3]!.id, "coordinator");
    await getPatientOverview(colleague, patients[3]!.id);

    const summary = await getStaffDashboard(coordinator);
    expect(summary.caseloadCount).toBe(7);
    expect(summary.recent.map((r) => r.id)).toEqual(
      [patients[6], patients[0], patients[5], patients[4], patients[3]].map((p) => p!.id),
    );
    expect(summary.recent[0]!.name).toBe(`${patients[6]!.familyName}, Recent6`);
    expect(summary.recent[0]!.openedAt.getTime()).toBeGreaterThanOrEqual(
      summary.recent[1]!.openedAt.getTime(),
    );
  });

  it("knows which was opened last when openings share a timestamp", async () => {
    // PGlite's clock ticks in milliseconds: quick openings can carry the same time.
    const coordinator = actorFor(await createUser("coordinator"));
    const at = new Date();
    const opened = [];
    for (let i = 0; i < 5; i++) {
      const p = await createPatient({ givenName: `Same${i}` });
      await assignToCaseload(coordinator.userId, p.id, "coordinator");
      await db().insert(auditEvents).values({
        occurredAt: at,
        actorUserId: coordinator.userId,
        actorRole: "coordinator",
        action: "patient.read",
        patientId: p.id,
        entityType: "patient",
        entityId: p.id,
      });
      opened.push(p.id);
    }
    const summary = await getStaffDashboard(coordinator);
    expect(summary.recent.map((r) => r.id)).toEqual(opened.reverse());
  });

  it("is not open to patients or family", async () => {
    for (const role of ["patient", "family"] as const)
      await expect(getStaffDashboard(actorFor(await createUser(role)))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits each view as one event naming the records it listed, and a refusal with no such event", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const p = await createPatient();
    await assignToCaseload(coordinator.userId, p.id, "coordinator");
    await getStaffDashboard(coordinator);
    await getPatientOverview(coordinator, p.id);
    await getStaffDashboard(coordinator);
    expect(await auditTrail(coordinator.userId, "patient.dashboard")).toEqual([
      expect.objectContaining({ patientId: null, details: { shown: 0, patients: [] } }),
      expect.objectContaining({ patientId: null, details: { shown: 1, patients: [p.id] } }),
    ]);

    const family = actorFor(await createUser("family"));
    await expect(getStaffDashboard(family)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(family.userId, "patient.dashboard")).toEqual([]);
    expect(await auditTrail(family.userId, "access.denied")).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ permission: "list:caseload" }) }),
    ]);
  });
});
