import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, caseloadAssignments } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import {
  getPatientOverview,
  getStaffDashboard,
  listCaseload,
  PATIENT_SEARCH_LIMIT,
  parseOrgSearch,
  parsePatientSearch,
  SEARCH_TOO_SHORT,
  searchPatients,
} from "@/lib/patients";
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

/** A name nobody else in the file has: letters only, as a name with a digit is read as an MRN. */
const letters = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

describe("finding a patient across the organisation", () => {
  let coordinator: Actor;
  let mine: Awaited<ReturnType<typeof createPatient>>;
  let other: Awaited<ReturnType<typeof createPatient>>;
  const surname = `Quorvath${letters()}`;

  beforeAll(async () => {
    coordinator = actorFor(await createUser("coordinator"));
    mine = await createPatient({ familyName: surname, givenName: "Maria", dateOfBirth: "1956-03-14" });
    other = await createPatient({ familyName: surname, givenName: "Rosa", dateOfBirth: "1961-07-02" });
    await createPatient({ familyName: surname, givenName: "Archived", archivedAt: new Date() });
    await assignToCaseload(coordinator.userId, mine.id, "coordinator");
  });

  it("reads a whole MRN or 2 letters of a name, and says what to type otherwise", () => {
    expect(parseOrgSearch("cb-100001")).toEqual({ kind: "mrn", mrn: "CB-100001" });
    expect(parseOrgSearch("100001")).toEqual({ kind: "mrn", mrn: "CB-100001" });
    expect(parseOrgSearch("Alvarez, M")).toEqual({ kind: "name", words: ["Alvarez", "M"] });
    expect(parseOrgSearch("al")).toEqual({ kind: "name", words: ["al"] });
    for (const short of ["A", "A B", "12", "%_"]) {
      expect(parseOrgSearch(short)).toEqual({ kind: "tooShort", message: SEARCH_TOO_SHORT });
    }
    expect(parseOrgSearch("   ")).toEqual({ kind: "none" });
  });

  it("shows name, MRN, date of birth and the caseload flag, and nothing more", async () => {
    const found = await searchPatients(coordinator, surname.toLowerCase());
    expect(found.results).toEqual([
      { id: mine.id, mrn: mine.mrn, name: `${surname}, Maria`, dateOfBirth: "1956-03-14", inCaseload: true },
      {
        id: other.id,
        mrn: other.mrn,
        name: `${surname}, Rosa`,
        dateOfBirth: "1961-07-02",
        inCaseload: false,
      },
    ]);
    expect(found.more).toBe(false);
    expect(found.message).toBeNull();
  });

  it("finds by given and family name in either order, and by whole MRN only", async () => {
    expect(
      (await searchPatients(coordinator, `Rosa ${surname.slice(0, 6)}`)).results.map((r) => r.id),
    ).toEqual([other.id]);
    expect(
      (await searchPatients(coordinator, `${surname.toUpperCase()}, MAR`)).results.map((r) => r.id),
    ).toEqual([mine.id]);
    expect((await searchPatients(coordinator, other.mrn.toLowerCase())).results.map((r) => r.id)).toEqual([
      other.id,
    ]);
    expect((await searchPatients(coordinator, other.mrn.slice(0, -1))).results).toEqual([]);
    // The given name alone (through its own index), in any case; never an archived record.
    const byGiven = (await searchPatients(coordinator, "rOSA")).results;
    expect(byGiven.map((r) => r.id)).toContain(other.id);
    expect(byGiven.every((r) => /(^|, )rosa/i.test(r.name))).toBe(true);
    expect((await searchPatients(coordinator, "Archived")).results.map((r) => r.name)).not.toContain(
      `${surname}, Archived`,
    );
  });

  it("refuses a term too short to search, with the message, and searches nothing", async () => {
    const before = (await auditTrail(coordinator.userId, "patient.search")).length;
    const found = await searchPatients(coordinator, "Q");
    expect(found).toMatchObject({
      results: [],
      more: false,
      message: SEARCH_TOO_SHORT,
      searched: "tooShort",
    });
    expect(await auditTrail(coordinator.userId, "patient.search")).toHaveLength(before);
  });

  it(`lists at most ${PATIENT_SEARCH_LIMIT} and says there are more`, async () => {
    const crowd = `Zelbrand${letters()}`;
    for (let i = 0; i < PATIENT_SEARCH_LIMIT + 2; i += 1) await createPatient({ familyName: crowd });
    const found = await searchPatients(coordinator, crowd);
    expect(found.results).toHaveLength(PATIENT_SEARCH_LIMIT);
    expect(found.more).toBe(true);
    expect(found.message).toMatch(/More than 25 patients match/);
  });

  it("audits each search by its kind and the patients shown, never the words typed", async () => {
    const searcher = actorFor(await createUser("advocate"));
    await searchPatients(searcher, `${surname} Rosa`);
    await searchPatients(searcher, mine.mrn);
    const events = await auditTrail(searcher.userId, "patient.search");
    expect(events.map((e) => e.details)).toEqual([
      { searched: "name", more: false, shown: 1, patients: [other.id] },
      { searched: "mrn", more: false, shown: 1, patients: [mine.id] },
    ]);
    expect(JSON.stringify(events)).not.toContain(surname);
    expect(JSON.stringify(events)).not.toContain(mine.mrn);
  });

  it("is not access: a result outside the caseload still opens as the 404", async () => {
    const found = await searchPatients(coordinator, surname);
    expect(found.results.find((r) => r.id === other.id)?.inCaseload).toBe(false);
    await expect(getPatientOverview(coordinator, other.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatientOverview(coordinator, mine.id)).resolves.toMatchObject({ id: mine.id });
  });

  it("is open to coordinators, advocates and admins, not to patients or family", async () => {
    for (const role of ["advocate", "admin"] as const) {
      const found = await searchPatients(actorFor(await createUser(role)), surname);
      expect(found.results.map((r) => r.id)).toEqual([mine.id, other.id]);
      expect(found.results.every((r) => !r.inCaseload)).toBe(true);
    }
    for (const role of ["patient", "family"] as const) {
      const refused = actorFor(await createUser(role));
      await expect(searchPatients(refused, surname)).rejects.toBeInstanceOf(NotFoundError);
      expect(await auditTrail(refused.userId, "patient.search")).toEqual([]);
      expect(await auditTrail(refused.userId, "access.denied")).toHaveLength(1);
    }
  });

  it("flags another staff member's caseload for an admin, and for nobody else", async () => {
    const admin = actorFor(await createUser("admin"));
    const found = await searchPatients(admin, surname, { caseloadOf: coordinator.userId });
    expect(found.results.map((r) => [r.id, r.inCaseload])).toEqual([
      [mine.id, true],
      [other.id, false],
    ]);
    const colleague = actorFor(await createUser("coordinator"));
    await expect(
      searchPatients(colleague, surname, { caseloadOf: coordinator.userId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
