import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { NotFoundError } from "@/lib/errors";
import {
  countUnread,
  listInbox,
  listPatientMessages,
  markThreadRead,
  replyToThread,
  startThread,
} from "@/lib/messages";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

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

describe("team messages", () => {
  it("threads a conversation, counts what each person has not read, and clears it on reading", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const advocate = actorFor(await createUser("advocate"));
    const patient = await createPatient();
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    await assignToCaseload(advocate.userId, patient.id, "advocate");

    const threadId = await startThread(coordinator, patient.id, {
      subject: "Discharge on Friday",
      body: "Transport is booked for 10:00.",
      shared: false,
    });
    expect(await countUnread(coordinator)).toBe(0);
    expect(await countUnread(advocate)).toBe(1);

    await replyToThread(advocate, threadId, { body: "Her daughter will be there.", shared: true });
    expect(await countUnread(advocate)).toBe(0);
    expect(await countUnread(coordinator)).toBe(1);
    const inbox = await listInbox(coordinator);
    expect(inbox[0]).toMatchObject({ id: threadId, unread: 1, messageCount: 2 });

    await markThreadRead(coordinator, threadId);
    expect(await countUnread(coordinator)).toBe(0);

    const view = await listPatientMessages(advocate, patient.id);
    expect(view.threads[0]!.messages.map((m) => [m.body, m.sharedWithPatient])).toEqual([
      ["Transport is booked for 10:00.", false],
      ["Her daughter will be there.", true],
    ]);
  });

  it("is for the staff on the care team only", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const outsider = actorFor(await createUser("coordinator"));
    const patient = await createPatient();
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    const threadId = await startThread(coordinator, patient.id, {
      subject: "Private",
      body: "Staff only",
      shared: false,
    });
    await expect(listPatientMessages(outsider, patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(replyToThread(outsider, threadId, { body: "Hi", shared: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const patientUser = actorFor(await createUser("patient", { patientId: patient.id }));
    await expect(listPatientMessages(patientUser, patient.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      startThread(patientUser, patient.id, { subject: "From me", body: "Hello", shared: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await countUnread(outsider)).toBe(0);
  });

  it("audits the inbox and a patient's threads, naming whom they showed; a refusal reads nothing", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const patient = await createPatient();
    const quiet = await createPatient();
    await assignToCaseload(coordinator.userId, patient.id, "coordinator");
    await assignToCaseload(coordinator.userId, quiet.id, "coordinator");
    await startThread(coordinator, patient.id, { subject: "Transport", body: "Booked.", shared: false });

    expect(await listInbox(coordinator)).toHaveLength(1);
    expect(await eventsOf(coordinator.userId, "message.inbox")).toEqual([
      { patientId: null, entityType: null, entityId: null, details: { shown: 1, patients: [patient.id] } },
    ]);
    await listPatientMessages(coordinator, patient.id);
    expect(await eventsOf(coordinator.userId, "message.list")).toEqual([
      { patientId: patient.id, entityType: "patient", entityId: patient.id, details: null },
    ]);
    expect(await eventsOf(coordinator.userId, "access.denied")).toEqual([]);

    // A patient has no team inbox: refused, audited as a refusal, and no inbox read is recorded.
    const patientUser = actorFor(await createUser("patient", { patientId: patient.id }));
    await expect(listInbox(patientUser)).rejects.toBeInstanceOf(NotFoundError);
    expect((await eventsOf(patientUser.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
      "read:teamInbox",
    ]);
    expect(await eventsOf(patientUser.userId, "message.inbox")).toEqual([]);
  });
});
