import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { advocacyInteractions } from "@/db/schema";
import {
  completeFollowUp,
  getAdvocacyLog,
  interactionSchema,
  listFollowUpsDue,
  logInteraction,
} from "@/lib/advocacy";
import { intakeConcern } from "@/lib/concerns";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { fileRightsRequest } from "@/lib/rights-requests";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const today = zonedDate();
const entry = (extra: Record<string, unknown> = {}) => ({
  counterpartType: "insurer" as const,
  organisation: "Blue Valley Health Plan",
  contact: null,
  occurredOn: today,
  channel: "phone" as const,
  asked: "Reprocess the denied oxygen claim.",
  outcome: null,
  followUpOn: addDaysIso(today, 3),
  concernId: null,
  rightsRequestId: null,
  ...extra,
});

describe("the representation log", () => {
  it("is written by the advocate, read by the coordinator, kept as written, with follow-ups on the dashboard", async () => {
    const advocate = actorFor(await createUser("advocate", { name: "Avery First" }));
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const patientUser = actorFor(await createUser("patient", { patientId }));

    const secret = await intakeConcern(advocate, patientId, {
      raisedBy: "patient",
      raisedByName: null,
      category: "respect-and-discrimination",
      severity: "medium",
      whatHappened: "A remark by a member of staff.",
      desiredOutcome: "An apology.",
      eventDate: null,
      aboutDischarge: false,
      confidential: true,
    });
    const id = await logInteraction(advocate, patientId, entry({ concernId: secret }));
    const other = (await createPatient()).id;
    const foreign = await intakeConcern(advocate, patientId, {
      raisedBy: "patient",
      raisedByName: null,
      category: "other",
      severity: "low",
      whatHappened: "Something else happened here.",
      desiredOutcome: "Nothing much.",
      eventDate: null,
      aboutDischarge: false,
      confidential: false,
    });
    await assignToCaseload(advocate.userId, other, "advocate");
    const wrong = (await logInteraction(advocate, other, entry({ concernId: foreign })).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(wrong.fieldErrors.subject).toBeDefined();

    const read = await getAdvocacyLog(coordinator, patientId);
    expect(read.canWrite).toBe(false);
    expect(read.interactions).toHaveLength(1);
    expect(
      read.interactions[0]!.concernId,
      "a confidential concern's link is hidden from coordinators",
    ).toBeNull();
    expect((await getAdvocacyLog(advocate, patientId)).interactions[0]!.concernId).toBe(secret);

    expect((await listFollowUpsDue(advocate)).map((f) => f.id)).toEqual([id]);
    await completeFollowUp(advocate, id, 1);
    expect(await listFollowUpsDue(advocate)).toHaveLength(0);
    await expect(completeFollowUp(advocate, id, 2)).rejects.toBeInstanceOf(DomainError);

    await expectDatabaseError(
      db().execute(sql`update advocacy_interactions set asked = 'rewritten' where id = ${id}`),
      {
        code: "42501",
        trigger: "advocacy_interactions_kept",
        message: "a representation log entry cannot be edited; add a new entry",
      },
    );
    await expectDatabaseError(db().delete(advocacyInteractions).where(eq(advocacyInteractions.id, id)), {
      code: "42501",
      trigger: "advocacy_interactions_kept",
      message: "the representation log is kept: delete refused",
    });

    for (const call of [
      () => logInteraction(coordinator, patientId, entry()),
      () => getAdvocacyLog(patientUser, patientId),
      () => completeFollowUp(coordinator, id, 2),
    ])
      await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    await expect(listFollowUpsDue(coordinator)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits the follow-ups due as one event naming the patients shown, and a refusal with no such event", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const coordinator = actorFor(await createUser("coordinator"));
    const patientId = (await createPatient()).id;
    const quiet = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(advocate.userId, quiet, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const first = await logInteraction(advocate, patientId, entry());
    await logInteraction(advocate, patientId, entry({ followUpOn: addDaysIso(today, 5) }));
    await logInteraction(advocate, quiet, entry({ followUpOn: null }));

    expect(await listFollowUpsDue(advocate)).toHaveLength(2);
    expect(await auditTrail(advocate.userId, "advocacy.follow-ups-due")).toEqual([
      expect.objectContaining({ patientId: null, details: { shown: 1, patients: [patientId] } }),
    ]);

    await expect(listFollowUpsDue(coordinator)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(coordinator.userId, "advocacy.follow-ups-due")).toEqual([]);
    expect(await auditTrail(coordinator.userId, "access.denied")).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ permission: "work:advocacyFollowUps" }),
      }),
    ]);

    // Completing a follow-up is a versioned change: audited against the entry, a stale save refused.
    await completeFollowUp(advocate, first, 1);
    expect(await auditTrail(advocate.userId, "advocacy.follow-up-done")).toEqual([
      expect.objectContaining({ patientId, entityType: "advocacy_interaction", entityId: first }),
    ]);
    await expect(completeFollowUp(advocate, first, 1)).rejects.toBeInstanceOf(StaleVersionError);
  });

  it("refuses a date in the future and a follow-up in the past, on their fields", () => {
    const bad = interactionSchema(today).safeParse({
      ...entry(),
      occurredOn: addDaysIso(today, 1),
      followUpOn: addDaysIso(today, -1),
    });
    const errors = bad.error!.flatten().fieldErrors;
    expect(errors.occurredOn).toEqual(["The date cannot be in the future."]);
    expect(errors.followUpOn).toEqual(["A follow-up is today or later."]);
  });

  it("links an entry to one of the patient's rights requests, never another patient's", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const patientId = (await createPatient()).id;
    const other = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(advocate.userId, other, "advocate");
    const file = (id: string) =>
      fileRightsRequest(advocate, id, {
        type: "amendment",
        receivedOn: today,
        details: "Correct the allergy list: no penicillin allergy.",
        requestedForm: null,
        healthPlanSelfPay: false,
      });
    const own = await file(patientId);
    const foreign = await file(other);
    const form = interactionSchema(today).parse({
      ...entry(),
      followUpOn: "",
      contact: "",
      outcome: "",
      subject: `rights:${own}`,
    });
    expect(form.subject).toEqual({ concernId: null, rightsRequestId: own });
    expect(interactionSchema(today).safeParse({ ...entry(), subject: "rights:nope" }).success).toBe(false);
    const { subject, ...rest } = form;
    await logInteraction(advocate, patientId, { ...rest, ...subject });
    const log = await getAdvocacyLog(advocate, patientId);
    expect(log.interactions[0]!.rightsRequestId).toBe(own);
    expect(log.subjects.map((o) => o.value)).toContain(`rights:${own}`);
    const wrong = (await logInteraction(advocate, patientId, entry({ rightsRequestId: foreign })).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(wrong.fieldErrors.subject).toEqual(["Choose one of this patient's rights requests."]);
  });
});
