import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, patientUpdates } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { getTimeline } from "@/lib/portal/timeline";
import { createUpdate, editUpdate, listUpdates, publishUpdate, UpdateSchema } from "@/lib/updates";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

const text = {
  title: "Your first week home",
  progress: "You are walking further each day and your pain is under control.",
  nextSteps: "Physio on Tuesday; blood test on Friday.",
  resources: null,
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

describe("updates to the patient and family", () => {
  it("goes draft → published, refuses stale edits, and keeps a published update fixed", async () => {
    const coordinator = actorFor(await createUser("coordinator", { name: "Casey First" }));
    const colleague = actorFor(await createUser("coordinator"));
    const advocate = actorFor(await createUser("advocate"));
    const patient = await createPatient();
    for (const staff of [coordinator, colleague])
      await assignToCaseload(staff.userId, patient.id, "coordinator");
    await assignToCaseload(advocate.userId, patient.id, "advocate");
    const patientUser = actorFor(await createUser("patient", { patientId: patient.id }));
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patient.id, patientUser.userId);

    const id = await createUpdate(coordinator, patient.id, text);
    // The patient and family read updates on the portal's timeline, never through the staff list.
    await expect(listUpdates(patientUser, patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listUpdates(family, patient.id)).rejects.toBeInstanceOf(NotFoundError);
    const portalUpdates = async (reader: typeof family) =>
      (await getTimeline(reader, patient.id, { kind: "update" })).history.map((u) => u.title);
    expect(await portalUpdates(patientUser)).toEqual([]);
    expect((await listUpdates(advocate, patient.id)).updates.map((u) => u.status)).toEqual(["draft"]);

    await editUpdate(coordinator, id, { ...text, title: "Your first week at home", version: 1 });
    const stale = await editUpdate(colleague, id, { ...text, version: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toContain("Casey First");

    await publishUpdate(coordinator, id, 2);
    for (const reader of [patientUser, family])
      expect(await portalUpdates(reader)).toEqual(["Your first week at home"]);
    await expect(editUpdate(coordinator, id, { ...text, version: 3 })).rejects.toBeInstanceOf(DomainError);
    await expectDatabaseError(
      db().execute(sql`update patient_updates set progress = 'changed' where id = ${id}`),
      {
        code: "42501",
        trigger: "patient_updates_published_are_fixed",
        message: "a published update cannot be changed; write a correction",
      },
    );
    await expectDatabaseError(db().delete(patientUpdates).where(eq(patientUpdates.id, id)), {
      code: "42501",
      trigger: "patient_updates_published_are_fixed",
      message: "patient updates are kept: delete refused",
    });

    const correction = await createUpdate(
      coordinator,
      patient.id,
      { ...text, title: "Correction: physio is Wednesday" },
      id,
    );
    await publishUpdate(coordinator, correction, 1);
    expect(await portalUpdates(patientUser)).toEqual([
      "Correction: physio is Wednesday",
      "Your first week at home",
    ]);
    const after = (await listUpdates(coordinator, patient.id)).updates;
    expect(after.map((u) => [u.title, u.correctsTitle])).toEqual([
      ["Correction: physio is Wednesday", "Your first week at home"],
      ["Your first week at home", null],
    ]);
  });

  it("is written by coordinators only", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const patient = await createPatient();
    await assignToCaseload(advocate.userId, patient.id, "advocate");
    await expect(createUpdate(advocate, patient.id, text)).rejects.toBeInstanceOf(NotFoundError);
    const outsider = actorFor(await createUser("coordinator"));
    await expect(listUpdates(outsider, patient.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits the list and each edit, and says a draft published meanwhile is published, not stale", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const colleague = actorFor(await createUser("coordinator"));
    const patient = await createPatient();
    for (const staff of [coordinator, colleague])
      await assignToCaseload(staff.userId, patient.id, "coordinator");
    const id = await createUpdate(coordinator, patient.id, text);
    await editUpdate(coordinator, id, { ...text, title: "Your first week, updated", version: 1 });
    expect(await eventsOf(coordinator.userId, "update.edit")).toEqual([
      {
        patientId: patient.id,
        entityType: "patient_update",
        entityId: id,
        details: { fromVersion: 1, language: "en" },
      },
    ]);
    await listUpdates(coordinator, patient.id);
    expect(await eventsOf(coordinator.userId, "update.list")).toEqual([
      { patientId: patient.id, entityType: "patient", entityId: patient.id, details: null },
    ]);

    await publishUpdate(coordinator, id, 2);
    const late = await editUpdate(colleague, id, { ...text, version: 2 }).catch((e: unknown) => e);
    expect(late).not.toBeInstanceOf(StaleVersionError);
    expect((late as Error).message).toBe(
      "This update is published and cannot change. Write a correction instead.",
    );
  });

  it("is written in the patient's language unless staff choose another, and says so in the audit", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const maria = await createPatient({ preferredLanguage: "es", interpreterNeeded: true });
    const tran = await createPatient({ preferredLanguage: "vi" });
    for (const p of [maria, tran]) await assignToCaseload(coordinator.userId, p.id, "coordinator");

    // The form shows staff whom they write to, and starts on the language the portal speaks to her.
    const page = await listUpdates(coordinator, maria.id);
    expect(page.languageNeed).toEqual({
      preferredLanguage: "es",
      interpreterNeeded: true,
      defaultLanguage: "es",
    });
    expect((await listUpdates(coordinator, tran.id)).languageNeed).toEqual({
      preferredLanguage: "vi",
      interpreterNeeded: false,
      defaultLanguage: "en",
    });

    // Not said: her preferred language (Spanish); a language the portal does not speak: English.
    const spanish = await createUpdate(coordinator, maria.id, text);
    const english = await createUpdate(coordinator, tran.id, text);
    // Said: as chosen, even when it is not hers.
    const chosen = await createUpdate(coordinator, maria.id, { ...text, language: "en" });
    const languageOf = async (id: string) =>
      (await db().select().from(patientUpdates).where(eq(patientUpdates.id, id)))[0]!.language;
    expect(await languageOf(spanish)).toBe("es");
    expect(await languageOf(english)).toBe("en");
    expect(await languageOf(chosen)).toBe("en");
    expect((await eventsOf(coordinator.userId, "update.create")).map((e) => e.details)).toEqual([
      { corrects: null, language: "es" },
      { corrects: null, language: "en" },
      { corrects: null, language: "en" },
    ]);

    // Editable while a draft; an edit that does not say keeps it.
    await editUpdate(coordinator, chosen, { ...text, language: "es", version: 1 });
    await editUpdate(coordinator, chosen, { ...text, version: 2 });
    expect(await languageOf(chosen)).toBe("es");
    expect((await eventsOf(coordinator.userId, "update.edit")).map((e) => e.details)).toEqual([
      { fromVersion: 1, language: "es", fromLanguage: "en" },
      { fromVersion: 2, language: "es" },
    ]);
    expect((await listUpdates(coordinator, maria.id)).updates.map((u) => u.language)).toEqual(["es", "es"]);
  });

  it("refuses a language the portal does not speak, on the field, and the database holds to it", async () => {
    const parsed = UpdateSchema.safeParse({ ...text, resources: "", language: "fr" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.flatten().fieldErrors).toEqual({
      language: ["Choose the language it is written in: English or Spanish."],
    });
    // Blank is "not said", and English and Spanish pass.
    expect(UpdateSchema.parse({ ...text, resources: "", language: "" }).language).toBeUndefined();
    expect(UpdateSchema.parse({ ...text, resources: "", language: "es" }).language).toBe("es");

    const coordinator = actorFor(await createUser("coordinator"));
    const patient = await createPatient();
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    const id = await createUpdate(coordinator, patient.id, text);
    await expectDatabaseError(
      db().execute(sql`update patient_updates set language = 'fr' where id = ${id}`),
      { code: "23514", constraint: "patient_updates_language_check" },
    );
  });

  it("keeps English beside Spanish: a reader of English gets it, a reader of Spanish the Spanish, and English sits only beside Spanish", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const maria = await createPatient({ preferredLanguage: "es" });
    await assignToCaseload(coordinator.userId, maria.id, "coordinator");
    const mariaUser = actorFor(await createUser("patient", { patientId: maria.id }));
    const daughter = actorFor(await createUser("family"));
    await grantFamily(daughter.userId, maria.id, mariaUser.userId);
    const spanish = {
      title: "Su primera semana en casa",
      progress: "Camina un poco más cada día y el dolor está controlado.",
      nextSteps: "Fisioterapia el martes.",
      resources: null,
      language: "es" as const,
    };
    const id = await createUpdate(coordinator, maria.id, {
      ...spanish,
      titleEnglish: "Your first week home",
      progressEnglish: "You are walking further each day and your pain is under control.",
      nextStepsEnglish: null,
    });
    await publishUpdate(coordinator, id, 1);
    const seenBy = async (reader: typeof daughter, locale: string) =>
      (await getTimeline(reader, maria.id, { kind: "update", reader: locale })).history[0]!;

    const inSpanish = await seenBy(mariaUser, "es");
    expect([inSpanish.title, inSpanish.body, inSpanish.extra, inSpanish.language]).toEqual([
      spanish.title,
      spanish.progress,
      spanish.nextSteps,
      "es",
    ]);
    // Her daughter reads English: the English version, and where staff wrote none (next steps), the Spanish.
    const inEnglish = await seenBy(daughter, "en");
    expect([inEnglish.title, inEnglish.body, inEnglish.extra, inEnglish.language]).toEqual([
      "Your first week home",
      "You are walking further each day and your pain is under control.",
      spanish.nextSteps,
      "en",
    ]);
    // Nothing of the other version is sent to the page.
    expect(Object.keys(inEnglish)).not.toContain("titleEnglish");

    // A Spanish reader of an update written only in English gets it as written, marked as English.
    const english = await createUpdate(coordinator, maria.id, { ...text, language: "en" });
    await publishUpdate(coordinator, english, 1);
    const fallback = (await getTimeline(mariaUser, maria.id, { kind: "update", reader: "es" })).history.find(
      (u) => u.id === english,
    )!;
    expect([fallback.title, fallback.language]).toEqual([text.title, "en"]);

    // English beside English is refused on the field, and by the database.
    const parsed = UpdateSchema.safeParse({
      ...text,
      resources: "",
      language: "en",
      progressEnglish: "Same words",
    });
    expect(parsed.error!.flatten().fieldErrors.progressEnglish).toEqual([
      "Leave the English version empty when the text itself is in English, or choose Spanish under “Written in”.",
    ]);
    expect(
      UpdateSchema.parse({ ...text, resources: "", language: "es", progressEnglish: "Same words" })
        .progressEnglish,
    ).toBe("Same words");
    const draft = await createUpdate(coordinator, maria.id, { ...text, language: "en" });
    await expectDatabaseError(
      db().execute(sql`update patient_updates set progress_english = 'x' where id = ${draft}`),
      { code: "23514", constraint: "patient_updates_english_beside_spanish" },
    );
  });
});
