import { describe, expect, it } from "vitest";
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
});
