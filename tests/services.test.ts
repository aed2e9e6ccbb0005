import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { services } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import {
  createService,
  listServices,
  SERVICES_PAGE_SIZE,
  type ServiceInput,
  ServiceSchema,
  ServiceUpdateSchema,
  setServiceActive,
  updateService,
} from "@/lib/services";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, createUser } from "./support/factories";

let advocate: Actor;
let coordinator: Actor;
let patient: Actor;
let family: Actor;
let counter = 0;

/** A service's input with a name of its own, so tests do not meet on services_name_key. */
const service = (extra: Partial<ServiceInput> = {}): ServiceInput => ({
  name: `Food Pantry ${++counter} ${Date.now().toString(36)}`,
  kind: "community",
  domains: ["food"],
  languages: ["en", "es"],
  phone: "(413) 555-0100",
  email: null,
  website: null,
  address: "12 Main St, Springfield",
  hours: "Mon–Fri 9–5",
  description: "Groceries once a week.",
  ...extra,
});

/** The service form's fields as the browser posts them. */
const form = (extra: Record<string, string> = {}) => ({
  name: "Casa Nueva Housing",
  kind: "community",
  "domain-housing-instability": "on",
  languages: "EN, es ,  es",
  phone: "",
  email: "",
  website: "https://casanueva.example.org",
  address: "",
  hours: "",
  description: "",
  ...extra,
});

beforeAll(async () => {
  advocate = actorFor(await createUser("advocate"));
  coordinator = actorFor(await createUser("coordinator"));
  patient = actorFor(await createUser("patient"));
  family = actorFor(await createUser("family"));
});

describe("the service form's schema", () => {
  it("gathers the ticked needs, reads the language codes, and keeps a website as the contact", () => {
    const parsed = ServiceSchema.parse(form());
    expect(parsed.domains).toEqual(["housing-instability"]);
    expect(parsed.languages).toEqual(["en", "es"]);
    expect(parsed.website).toBe("https://casanueva.example.org");
    expect(parsed.phone).toBeNull();
  });

  it("refuses no need ticked, no way to reach them and a language that is not a code, each on its field", () => {
    const noDomain = form();
    delete (noDomain as Record<string, string>)["domain-housing-instability"];
    const result = ServiceSchema.safeParse({ ...noDomain, website: "", languages: "English" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["domains", "phone", "languages"]));
    expect(ServiceSchema.safeParse(form({ languages: "" })).error?.issues.map((i) => i.path[0])).toEqual([
      "languages",
    ]);
  });

  it("needs the version to update", () => {
    expect(ServiceUpdateSchema.safeParse(form()).success).toBe(false);
    expect(ServiceUpdateSchema.parse({ ...form(), version: "3" }).version).toBe(3);
  });
});

describe("the directory of services", () => {
  it("is kept by advocates and read by coordinators; patients and family get nothing", async () => {
    const id = await createService(advocate, service({ name: "Read By Coordinators Pantry" }));
    const read = await listServices(coordinator);
    expect(read.services.map((s) => s.id)).toContain(id);
    expect(read.canManage).toBe(false);
    expect((await listServices(advocate)).canManage).toBe(true);
    await expect(createService(coordinator, service())).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateService(coordinator, id, { ...service(), version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setServiceActive(coordinator, id, { version: 1 }, false)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    for (const portal of [patient, family])
      await expect(listServices(portal)).rejects.toBeInstanceOf(NotFoundError);
    expect((await auditTrail(coordinator.userId, "access.denied")).map((e) => e.details?.permission)).toEqual(
      ["manage:services", "manage:services", "manage:services"],
    );
    const [created] = await auditTrail(advocate.userId, "service.create");
    expect(created).toMatchObject({ entityType: "service", patientId: null });
    expect((await auditTrail(coordinator.userId, "service.list")).length).toBe(1);
  });

  it("filters by need and language, and hides retired services unless asked", async () => {
    const tag = Date.now().toString(36);
    const ride = await createService(
      advocate,
      service({ name: `Rides ${tag}`, domains: ["transportation"], languages: ["vi"] }),
    );
    const both = await createService(
      advocate,
      service({ name: `Rides and Meals ${tag}`, domains: ["transportation", "food"], languages: ["en"] }),
    );
    const ids = async (filter: Parameters<typeof listServices>[1]) =>
      (await listServices(coordinator, filter)).services.map((s) => s.id);
    expect(await ids({ domain: "transportation" })).toEqual(expect.arrayContaining([ride, both]));
    expect(await ids({ domain: "transportation", language: "vi" })).toEqual([ride]);
    expect(await ids({ domain: "food" })).not.toContain(ride);
    expect((await listServices(coordinator)).languages).toEqual(expect.arrayContaining(["en", "es", "vi"]));

    await setServiceActive(advocate, ride, { version: 1 }, false);
    expect(await ids({ domain: "transportation" })).toEqual([both]);
    expect(await ids({ domain: "transportation", retired: "shown" })).toEqual(
      expect.arrayContaining([ride, both]),
    );
    await expect(setServiceActive(advocate, ride, { version: 2 }, false)).rejects.toThrow(/already retired/);
    await setServiceActive(advocate, ride, { version: 2 }, true);
    expect(await ids({ domain: "transportation", language: "vi" })).toEqual([ride]);
  });

  it("lists a long directory a page at a time, by name, with the total on every page", async () => {
    const tag = Date.now().toString(36);
    const made = [];
    for (let i = 0; i < SERVICES_PAGE_SIZE + 3; i++)
      made.push(
        await createService(
          advocate,
          service({ name: `Paged ${tag} ${String(i).padStart(2, "0")}`, languages: ["tl"] }),
        ),
      );
    const first = await listServices(coordinator, { language: "tl" });
    const second = await listServices(coordinator, { language: "tl", page: 2 });
    expect(first.total).toBe(SERVICES_PAGE_SIZE + 3);
    expect(second.total).toBe(SERVICES_PAGE_SIZE + 3);
    expect(first.services).toHaveLength(SERVICES_PAGE_SIZE);
    expect([...first.services, ...second.services].map((s) => s.id)).toEqual(made);
    const [event] = (await auditTrail(coordinator.userId, "service.list")).slice(-1);
    expect(event!.details).toMatchObject({ shown: 3, page: 2 });
  });

  it("saves an edit at the version the editor saw, and refuses a stale one naming who saved first", async () => {
    const id = await createService(advocate, service());
    const colleague = actorFor(await createUser("advocate", { name: "Avery Colleague" }));
    await updateService(colleague, id, { ...service({ name: `Renamed ${id}` }), version: 1 });
    const error = await updateService(advocate, id, { ...service(), version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersionError);
    expect((error as Error).message).toMatch(/Avery Colleague/);
    const [row] = await db().select().from(services).where(eq(services.id, id));
    expect(row).toMatchObject({ name: `Renamed ${id}`, version: 2, updatedBy: colleague.userId });
  });

  it("refuses a second service of the same name in any case, on the name field", async () => {
    const name = `Unique Name ${Date.now()}`;
    await createService(advocate, service({ name }));
    const error = await createService(advocate, service({ name: name.toUpperCase() })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors.name).toBeDefined();
  });
});

describe("the database's own rules for services", () => {
  const insert = (extra: Partial<typeof services.$inferInsert>) =>
    db()
      .insert(services)
      .values({
        name: `Direct ${++counter} ${Date.now()}`,
        kind: "clinical",
        domains: ["mental-health"],
        languages: ["en"],
        phone: "555-0100",
        createdBy: advocate.userId,
        updatedBy: advocate.userId,
        ...extra,
      });

  it("refuses a service nobody can reach, one meeting no known need, and a language that is not a code", async () => {
    await insert({}); // positive control
    await expectDatabaseError(insert({ phone: null }), {
      code: "23514",
      constraint: "services_contact_check",
    });
    await expectDatabaseError(insert({ domains: ["groceries"] }), {
      code: "23514",
      constraint: "services_domains_check",
    });
    await expectDatabaseError(insert({ domains: [] }), {
      code: "23514",
      constraint: "services_domains_check",
    });
    await expectDatabaseError(insert({ languages: ["English"] }), {
      code: "23514",
      constraint: "services_languages_check",
    });
  });

  it("keeps every service: a delete is refused", async () => {
    const id = await createService(advocate, service());
    await expectDatabaseError(db().delete(services).where(eq(services.id, id)), {
      code: "42501",
      trigger: "services_kept",
      message: /services rows are kept/,
    });
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(services)
      .where(eq(services.id, id))) as [{ n: number }];
    expect(n).toBe(1);
  });
});
