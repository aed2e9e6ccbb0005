import { count, eq, type SQL, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db, queryRows } from "@/db/client";
import { advanceDirectives, careAgents, careWishVersions } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import {
  type AgentInput,
  addAgent,
  archiveAgent,
  archiveDirective,
  DIRECTIVE_FILE_WORDS,
  downloadDirectiveFile,
  editAgent,
  getDirectivesPage,
  getMyWhoDecides,
  getWhoDecidesBanner,
  recordDirective,
  saveCareWishes,
} from "@/lib/directives";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { fileDownloadResponse } from "@/lib/files/uploads";
import { getPatientOverview } from "@/lib/patients";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const pdf = (name = "health-care-proxy.pdf") => new File([PDF], name, { type: "application/pdf" });
const run = (statement: SQL) => db().execute(statement);

const person = (extra: Partial<AgentInput> = {}): AgentInput => ({
  rank: "agent",
  position: undefined,
  name: "Rosa Alvarez",
  relationship: "Daughter",
  phone: "(413) 555-0134",
  email: null,
  address: null,
  ...extra,
});
const signed = (extra: Record<string, unknown> = {}) => ({
  kind: "health-care-proxy" as const,
  signedOn: "2025-03-14",
  originalLocation: "In the red folder at home",
  file: undefined as unknown,
  ...extra,
});

interface World {
  patientId: string;
  coordinator: Actor;
  advocate: Actor;
  patient: Actor;
  family: Actor;
  /** A coordinator with a caseload of her own, in which this patient is not. */
  otherStaff: Actor;
  otherPatientId: string;
}

async function world(): Promise<World> {
  const patient = await createPatient();
  const other = await createPatient();
  const coordinator = await createUser("coordinator");
  const advocate = await createUser("advocate");
  const otherStaff = await createUser("coordinator");
  const patientUser = await createUser("patient", { patientId: patient.id });
  const familyUser = await createUser("family");
  await assignToCaseload(coordinator.id, patient.id, "coordinator");
  await assignToCaseload(advocate.id, patient.id, "advocate");
  await assignToCaseload(otherStaff.id, other.id, "coordinator");
  // Every scope a patient can share: none of them is her directives.
  await grantFamily(familyUser.id, patient.id, patientUser.id, {
    canViewTimeline: true,
    canRaiseConcerns: true,
    canViewRequests: true,
    canMessage: true,
  });
  return {
    patientId: patient.id,
    coordinator: actorFor(coordinator),
    advocate: actorFor(advocate),
    patient: actorFor(patientUser),
    family: actorFor(familyUser),
    otherStaff: actorFor(otherStaff),
    otherPatientId: other.id,
  };
}

let w: World;
beforeEach(async () => {
  w = await world();
});

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("the agent and alternates", () => {
  it("one active agent: the unique index refuses a second in SQL (23505), and the domain says so on the field", async () => {
    const insertAgent = (name: string) =>
      run(sql`insert into care_agents (patient_id, rank, position, name, relationship, phone, updated_by)
              values (${w.patientId}, 'agent', 0, ${name}, 'Son', '555-0100', ${w.coordinator.userId})`);
    await insertAgent("First agent");
    await expectDatabaseError(insertAgent("Second agent"), {
      code: "23505",
      constraint: "care_agents_one_agent_key",
    });

    // Through the domain, on another patient: the first is named, the second refused with words.
    const patient = await createPatient();
    await assignToCaseload(w.coordinator.userId, patient.id, "coordinator");
    const first = await addAgent(w.coordinator, patient.id, person());
    const second = await refusal(addAgent(w.coordinator, patient.id, person({ name: "Luis Alvarez" })));
    expect(second.message).toMatch(/already has a health care agent/);
    expect(second.fieldErrors.rank?.[0]).toBe(second.message);
    // Promoting an alternate over a named agent is the same refusal.
    const alternate = await addAgent(w.coordinator, patient.id, person({ rank: "alternate", name: "Luis" }));
    const promoted = await refusal(
      editAgent(w.coordinator, patient.id, alternate, { ...person({ name: "Luis" }), version: 1 }),
    );
    expect(promoted.fieldErrors.rank).toBeDefined();
    // The control: with the first archived, the second is her agent.
    await archiveAgent(w.coordinator, patient.id, first, 1);
    await addAgent(w.coordinator, patient.id, person({ name: "Luis Alvarez" }));
    const page = await getDirectivesPage(w.coordinator, patient.id);
    expect(page.agent?.name).toBe("Luis Alvarez");
    expect(page.archivedAgents.map((a) => a.name)).toEqual(["Rosa Alvarez"]);
  });

  it("keeps alternates in order: blank places go last, a taken place is refused, a moved one frees its place", async () => {
    const add = (name: string, position?: number) =>
      addAgent(w.advocate, w.patientId, person({ rank: "alternate", name, position }));
    const ana = await add("Ana");
    await add("Beto");
    const taken = await refusal(add("Carla", 2));
    expect(taken.fieldErrors.position?.[0]).toMatch(/already has that place/);
    await expectDatabaseError(
      run(sql`insert into care_agents (patient_id, rank, position, name, relationship, email, updated_by)
              values (${w.patientId}, 'alternate', 1, 'Dup', 'Friend', 'dup@example.org', ${w.advocate.userId})`),
      { code: "23505", constraint: "care_agents_alternate_order_key" },
    );
    // Ana moves to third; Carla then takes the first place.
    expect(
      await editAgent(w.advocate, w.patientId, ana, {
        ...person({ rank: "alternate", name: "Ana" }),
        position: 3,
        version: 1,
      }),
    ).toBe(2);
    await add("Carla", 1);
    const who = await getMyWhoDecides(w.patient, w.patientId);
    expect(who.alternates.map((a) => [a.position, a.name])).toEqual([
      [1, "Carla"],
      [2, "Beto"],
      [3, "Ana"],
    ]);
    expect(who.agent).toBeNull();
    // An edit against the version before Ana's move is stale.
    await expect(
      editAgent(w.advocate, w.patientId, ana, {
        ...person({ rank: "alternate", name: "Ana" }),
        position: 4,
        version: 1,
      }),
    ).rejects.toBeInstanceOf(StaleVersionError);
  });

  it("archives, never deletes: the row stays, a second archive is refused, and the database refuses a delete (42501)", async () => {
    const id = await addAgent(w.coordinator, w.patientId, person());
    await archiveAgent(w.coordinator, w.patientId, id, 1);
    const [row] = await db().select().from(careAgents).where(eq(careAgents.id, id));
    expect(row?.archivedAt).toBeInstanceOf(Date);
    expect(row?.version).toBe(2);
    expect((await refusal(archiveAgent(w.coordinator, w.patientId, id, 2))).message).toMatch(/archived/);
    await expectDatabaseError(run(sql`delete from care_agents where id = ${id}`), {
      code: "42501",
      trigger: "care_agents_kept",
    });
    const directive = await recordDirective(w.coordinator, w.patientId, signed());
    await archiveDirective(w.coordinator, w.patientId, directive);
    await expectDatabaseError(run(sql`delete from advance_directives where id = ${directive}`), {
      code: "42501",
      trigger: "advance_directives_kept",
    });
    const page = await getDirectivesPage(w.coordinator, w.patientId);
    expect(page.directives).toEqual([]);
    expect(page.archivedDirectives.map((d) => d.id)).toEqual([directive]);
    expect((await auditTrail(w.coordinator.userId, "agent.archive"))[0]).toMatchObject({ entityId: id });
  });
});

describe("advance directives", () => {
  it("keeps the document as recorded: kind, date and scan cannot be edited (23514); where the original is may", async () => {
    const id = await recordDirective(w.coordinator, w.patientId, signed({ file: pdf() }));
    await expectDatabaseError(
      run(sql`update advance_directives set content = '\\x25504446'::bytea where id = ${id}`),
      {
        code: "23514",
        trigger: "advance_directives_kept",
      },
    );
    await expectDatabaseError(
      run(sql`update advance_directives set signed_on = '2020-01-01' where id = ${id}`),
      {
        code: "23514",
        trigger: "advance_directives_kept",
      },
    );
    await run(sql`update advance_directives set original_location = 'With her lawyer' where id = ${id}`);
    const file = await downloadDirectiveFile(w.coordinator, id, { staffPatientId: w.patientId });
    expect(Buffer.compare(file.content, PDF)).toBe(0);
    const response = fileDownloadResponse(file);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="health-care-proxy.pdf"/,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(await auditTrail(w.coordinator.userId, "directive.file-read")).toEqual([
      {
        action: "directive.file-read",
        patientId: w.patientId,
        entityType: "advance_directive",
        entityId: id,
        details: null,
      },
    ]);
  });

  it("refuses a scan that is not a PDF by its bytes, or over 10 MB, storing nothing", async () => {
    const stored = async () =>
      (
        await db()
          .select({ n: count() })
          .from(advanceDirectives)
          .where(eq(advanceDirectives.patientId, w.patientId))
      )[0]!.n;
    const png = new File([PNG], "proxy.pdf", { type: "application/pdf" });
    const wrong = await refusal(recordDirective(w.coordinator, w.patientId, signed({ file: png })));
    expect(wrong.message).toBe(DIRECTIVE_FILE_WORDS.refused);
    expect(wrong.fieldErrors).toEqual({ file: [DIRECTIVE_FILE_WORDS.wrongType] });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PDF.copy(big);
    const large = await refusal(
      recordDirective(w.coordinator, w.patientId, signed({ file: new File([big], "big.pdf") })),
    );
    expect(large.fieldErrors).toEqual({ file: [DIRECTIVE_FILE_WORDS.tooLarge] });
    expect(await stored()).toBe(0);
    // The control: a PDF, and a record of the paper original alone.
    await recordDirective(w.coordinator, w.patientId, signed({ file: pdf() }));
    const paper = await recordDirective(w.coordinator, w.patientId, signed({ kind: "polst" }));
    expect(await stored()).toBe(2);
    await expect(
      downloadDirectiveFile(w.coordinator, paper, { staffPatientId: w.patientId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("who may read and write", () => {
  async function recorded() {
    await addAgent(w.coordinator, w.patientId, person());
    await saveCareWishes(w.coordinator, w.patientId, {
      codeStatus: "no-cpr",
      inHerWords: "Let me go in peace.",
      language: "en",
      version: 0,
    });
    return recordDirective(w.coordinator, w.patientId, signed({ file: pdf() }));
  }

  it("family: the 404 on every read, whatever she shared; the patient reads hers; the coordinator reads and writes", async () => {
    const directive = await recorded();
    await expect(getMyWhoDecides(w.family, w.patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(downloadDirectiveFile(w.family, directive, "portal")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDirectivesPage(w.family, w.patientId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getWhoDecidesBanner(w.family, w.patientId)).canRead).toBe(false);
    // The patient reads her own, in the portal only, and writes none of it.
    const mine = await getMyWhoDecides(w.patient, w.patientId);
    expect(mine.agent?.name).toBe("Rosa Alvarez");
    expect(mine.wishes?.codeStatus).toBe("no-cpr");
    expect(mine.directives.map((d) => d.id)).toEqual([directive]);
    expect(Buffer.compare((await downloadDirectiveFile(w.patient, directive, "portal")).content, PDF)).toBe(
      0,
    );
    await expect(getDirectivesPage(w.patient, w.patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addAgent(w.patient, w.patientId, person())).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(w.patient.userId, "portal.directives")).toHaveLength(1);
    // Staff on her caseload read, see it atop her record, and write.
    const page = await getDirectivesPage(w.coordinator, w.patientId);
    expect(page.canWrite).toBe(true);
    const banner = await getWhoDecidesBanner(w.advocate, w.patientId);
    expect(banner).toMatchObject({ canRead: true, nothingRecorded: false, agent: { name: "Rosa Alvarez" } });
    const reads = await auditTrail(w.advocate.userId, "directive.read");
    expect(reads.map((r) => r.details)).toEqual([{ view: "banner" }]);
    // The record's page reads the banner with the overview, in its statement, and audits it the same way.
    expect((await getPatientOverview(w.advocate, w.patientId)).whoDecides).toEqual(banner);
    expect((await auditTrail(w.advocate.userId, "directive.read")).map((r) => r.details)).toEqual([
      { view: "banner" },
      { view: "banner" },
    ]);
  });

  it("staff of another patient: the 404 on every read and write", async () => {
    const directive = await recorded();
    const agent = (await getDirectivesPage(w.coordinator, w.patientId)).agent!;
    const s = w.otherStaff;
    // Each asked in turn (a promise made early and refused before it is awaited goes unhandled).
    const refused: [string, () => Promise<unknown>][] = [
      ["page", () => getDirectivesPage(s, w.patientId)],
      ["file", () => downloadDirectiveFile(s, directive, { staffPatientId: w.patientId })],
      [
        "file named under her own patient",
        () => downloadDirectiveFile(s, directive, { staffPatientId: w.otherPatientId }),
      ],
      ["portal file", () => downloadDirectiveFile(s, directive, "portal")],
      ["add", () => addAgent(s, w.patientId, person({ rank: "alternate" }))],
      ["edit", () => editAgent(s, w.patientId, agent.id, { ...person(), version: agent.version })],
      [
        "edit named under her own patient",
        () => editAgent(s, w.otherPatientId, agent.id, { ...person(), version: agent.version }),
      ],
      ["archive", () => archiveAgent(s, w.patientId, agent.id, agent.version)],
      ["record", () => recordDirective(s, w.patientId, signed())],
      ["archive directive", () => archiveDirective(s, w.patientId, directive)],
      ["archive directive under her own patient", () => archiveDirective(s, w.otherPatientId, directive)],
      [
        "wishes",
        () =>
          saveCareWishes(s, w.patientId, {
            codeStatus: "full-treatment",
            inHerWords: null,
            language: "en",
            version: 1,
          }),
      ],
    ];
    for (const [label, work] of refused) {
      expect(
        await work().then(
          () => "allowed",
          (e: unknown) => (e instanceof NotFoundError ? "404" : String(e)),
        ),
        label,
      ).toBe("404");
    }
    expect((await getWhoDecidesBanner(s, w.patientId)).canRead).toBe(false);
    // The control: her own patient's record opens to her.
    expect((await getDirectivesPage(s, w.otherPatientId)).canWrite).toBe(true);
    // Nothing changed: her agent, her one directive, her wishes at version 1.
    const page = await getDirectivesPage(w.coordinator, w.patientId);
    expect([page.agent?.version, page.directives.length, page.wishes?.version]).toEqual([1, 1, 1]);
  });
});

describe("code-status wishes", () => {
  it("keep every saved version as a snapshot, refuse a stale save, and never change a kept version", async () => {
    const save = (
      version: number,
      codeStatus: "undecided" | "comfort-only" | "no-cpr",
      words: string | null,
    ) => saveCareWishes(w.advocate, w.patientId, { codeStatus, inHerWords: words, language: "es", version });
    expect(await save(0, "undecided", null)).toBe(1);
    expect(await save(1, "comfort-only", "Quiero estar en casa, sin dolor.")).toBe(2);
    await expect(save(1, "no-cpr", null)).rejects.toBeInstanceOf(StaleVersionError);
    await expect(save(0, "no-cpr", null)).rejects.toBeInstanceOf(StaleVersionError);
    const rows = await db()
      .select({ version: careWishVersions.version, snapshot: careWishVersions.snapshot })
      .from(careWishVersions)
      .where(eq(careWishVersions.patientId, w.patientId))
      .orderBy(careWishVersions.version);
    expect(rows).toEqual([
      { version: 1, snapshot: { codeStatus: "undecided", inHerWords: null, language: "es" } },
      {
        version: 2,
        snapshot: {
          codeStatus: "comfort-only",
          inHerWords: "Quiero estar en casa, sin dolor.",
          language: "es",
        },
      },
    ]);
    const page = await getDirectivesPage(w.coordinator, w.patientId);
    expect(page.wishes).toMatchObject({ codeStatus: "comfort-only", version: 2, language: "es" });
    expect(page.wishHistory.map((v) => [v.version, v.codeStatus])).toEqual([
      [2, "comfort-only"],
      [1, "undecided"],
    ]);
    await expectDatabaseError(
      run(
        sql`update care_wish_versions set snapshot = '{}' where patient_id = ${w.patientId} and version = 1`,
      ),
      { code: "42501", trigger: "care_wish_versions_append_only" },
    );
    // The audit names the fields saved, never her wish itself.
    const saves = await auditTrail(w.advocate.userId, "care-wishes.save");
    expect(saves.map((e) => e.details)).toEqual([
      { version: 1, fields: ["codeStatus", "language"] },
      { version: 2, fields: ["codeStatus", "inHerWords", "language"] },
    ]);
    const [kept] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from care_wishes where patient_id = ${w.patientId}`,
    );
    expect(kept?.n).toBe(1);
  });
});
