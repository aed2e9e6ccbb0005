import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import {
  addResource,
  archiveResource,
  giveResource,
  listResources,
  listResourcesGiven,
  ResourceSchema,
} from "@/lib/education";
import { type DomainError, NotFoundError } from "@/lib/errors";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const resource = {
  title: "Rides to medical appointments",
  category: "transport" as const,
  summary: "The medical van takes you to appointments; book two days ahead.",
  url: null,
  language: "en" as const,
};

/** The actor's audit events of one action, oldest first. */
const eventsOf = (userId: string, action: AuditAction) =>
  db()
    .select({
      patientId: auditEvents.patientId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));

describe("education", () => {
  it("keeps a library advocates maintain and a record of what each patient was given", async () => {
    const advocate = actorFor(await createUser("advocate", { name: "Avery First" }));
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");

    const id = await addResource(advocate, resource);
    const duplicate = (await addResource(advocate, {
      ...resource,
      title: "RIDES to medical appointments",
    }).catch((e: unknown) => e)) as DomainError;
    expect(duplicate.fieldErrors.title).toBeDefined();
    await addResource(advocate, { ...resource, language: "es" });
    await expect(addResource(coordinator, { ...resource, title: "Other" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await listResources(coordinator)).canManage).toBe(false);

    await giveResource(advocate, patientId, { resourceId: id, note: "Printed copy." });
    await expect(giveResource(coordinator, patientId, { resourceId: id, note: null })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await archiveResource(advocate, id);
    const refused = (await giveResource(advocate, patientId, { resourceId: id, note: null }).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(refused.fieldErrors.resourceId).toBeDefined();
    expect((await listResources(advocate)).resources.map((r) => r.language)).toEqual(["es"]);
    const given = await listResourcesGiven(coordinator, patientId);
    expect(given.map((g) => [g.title, g.givenBy, g.note])).toEqual([
      ["Rides to medical appointments", "Avery First", "Printed copy."],
    ]);
    await expectDatabaseError(
      db().execute(sql`delete from resources_given where patient_id = ${patientId}`),
      {
        code: "42501",
        trigger: "resources_given_kept",
        message: "resources given are kept: delete refused",
      },
    );
  });

  it("audits reading what a patient was given; a refused reader gets a refusal and no read", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const outsider = actorFor(await createUser("advocate"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    const id = await addResource(advocate, { ...resource, title: "Help paying for medicines" });
    await giveResource(advocate, patientId, { resourceId: id, note: null });

    expect(await listResourcesGiven(advocate, patientId)).toHaveLength(1);
    expect(await eventsOf(advocate.userId, "resource.list-given")).toEqual([
      { patientId, entityType: "patient", entityId: patientId, details: { shown: 1 } },
    ]);
    expect(await eventsOf(advocate.userId, "access.denied")).toEqual([]);

    await expect(listResourcesGiven(outsider, patientId)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      (await eventsOf(outsider.userId, "access.denied")).map((e) => [e.patientId, e.details?.permission]),
    ).toEqual([[patientId, "read:advocacyLog"]]);
    expect(await eventsOf(outsider.userId, "resource.list-given")).toEqual([]);
  });

  it("wants a plain summary and a web link", () => {
    const bad = ResourceSchema.safeParse({ ...resource, summary: "Short.", url: "javascript:alert(1)" });
    const errors = bad.error!.flatten().fieldErrors;
    expect(errors.summary?.[0]).toContain("plain language");
    expect(errors.url?.[0]).toContain("https://");
  });
});
