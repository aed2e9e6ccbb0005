import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import {
  ATTACHMENT_MAX_BYTES,
  familyAccessGrants,
  messageAttachments,
  messages,
  messageThreads,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { answerDueAt } from "@/lib/clocks";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import {
  ATTACHMENT_BODY_BYTES,
  bodyLimitFor,
  MAX_BODY_BYTES,
  refuseBadRequest,
} from "@/lib/http/request-guards";
import { MESSAGES } from "@/lib/i18n/messages";
import {
  assignConversation,
  attachmentResponse,
  closeConversation,
  downloadAttachment,
  getConversation,
  listConversations,
  listInbox,
  listPatientMessages,
  markConversationRead,
  markThreadRead,
  reopenConversation,
  replyInConversation,
  replyToThread,
  startConversation,
  startThread,
} from "@/lib/messages";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

const es = MESSAGES.es.conversations.errors;
const en = MESSAGES.en.conversations.errors;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const png = (name = "rash.png") => new File([PNG], name, { type: "image/png" });

interface World {
  patientId: string;
  coordinator: Actor;
  advocate: Actor;
  outsider: Actor;
  patient: Actor;
  daughter: Actor;
  son: Actor;
}

/** A Spanish-speaking patient, her care team, a coordinator outside it, and family with and without the messages scope. */
async function world(): Promise<World> {
  const p = await createPatient({ preferredLanguage: "es", interpreterNeeded: true });
  const coordinator = actorFor(await createUser("coordinator"));
  const advocate = actorFor(await createUser("advocate"));
  const outsider = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, p.id, "coordinator");
  await assignToCaseload(advocate.userId, p.id, "advocate");
  const patient = actorFor(await createUser("patient", { patientId: p.id }));
  const daughter = actorFor(await createUser("family"));
  const son = actorFor(await createUser("family"));
  await db()
    .insert(familyAccessGrants)
    .values([
      {
        familyUserId: daughter.userId,
        patientId: p.id,
        grantedBy: patient.userId,
        relationship: "daughter",
        canViewTimeline: true,
        canMessage: true,
      },
      {
        familyUserId: son.userId,
        patientId: p.id,
        grantedBy: patient.userId,
        relationship: "son",
        canViewTimeline: true,
        canRaiseConcerns: true,
        canViewRequests: true,
      },
    ]);
  return { patientId: p.id, coordinator, advocate, outsider, patient, daughter, son };
}

const ask = (w: World, over: Partial<Parameters<typeof startConversation>[2]> = {}) =>
  startConversation(
    w.patient,
    w.patientId,
    { topic: "appointment", subject: "Ayuno antes del análisis", body: "¿Puedo tomar agua?", ...over },
    "es",
    es,
  );

const counts = async () => {
  const [t] = await db().select({ n: count() }).from(messageThreads);
  const [m] = await db().select({ n: count() }).from(messages);
  const [a] = await db().select({ n: count() }).from(messageAttachments);
  return { threads: t!.n, messages: m!.n, attachments: a!.n };
};

let w: World;
beforeAll(async () => {
  w = await world();
});

describe("who sees a conversation", () => {
  it("the patient and family with the messages scope; family without it, and staff outside the caseload, get the 404", async () => {
    const threadId = await ask(w);
    // Positive controls: the patient and her daughter (messages scope) both see it.
    for (const who of [w.patient, w.daughter]) {
      const list = await listConversations(who, w.patientId);
      expect(list.conversations.map((c) => c.id)).toContain(threadId);
      expect(list.canStart).toBe(true);
      const { conversation } = await getConversation(who, w.patientId, threadId);
      expect(conversation.messages.map((m) => m.body)).toEqual(["¿Puedo tomar agua?"]);
    }
    // Her son has every other scope, not messages: refused, and the refusal is audited.
    await expect(listConversations(w.son, w.patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConversation(w.son, w.patientId, threadId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ask({ ...w, patient: w.son })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      replyInConversation(w.son, w.patientId, threadId, { body: "Hola" }, "es", es),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await auditTrail(w.son.userId, "access.denied")).map((e) => e.details?.permission)).toEqual([
      "read:sharedMessages:portal",
      "read:sharedMessages:portal",
      "write:message:portal",
      "write:message:portal",
    ]);
    // Staff: the care team sees it (control); a coordinator outside the caseload does not.
    expect((await listPatientMessages(w.coordinator, w.patientId)).threads.map((t) => t.id)).toContain(
      threadId,
    );
    await expect(listPatientMessages(w.outsider, w.patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(replyToThread(w.outsider, threadId, { body: "Hola", shared: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // Another patient's conversation is not hers to read.
    const other = await createPatient();
    await expect(getConversation(w.patient, other.id, threadId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConversation(w.daughter, other.id, threadId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a team thread stays with the team, and a staff note never reaches the portal's DTO", async () => {
    const team = await startThread(w.coordinator, w.patientId, {
      subject: "Transport",
      body: "TEAM-ONLY: van booked",
      shared: false,
    });
    const threadId = await ask(w, { subject: "Factura" });
    await replyToThread(w.advocate, threadId, { body: "STAFF-NOTE: check the copay first", shared: false });
    await replyToThread(w.coordinator, threadId, { body: "Sí, puede tomar agua.", shared: true });

    for (const who of [w.patient, w.daughter]) {
      const list = await listConversations(who, w.patientId);
      expect(list.conversations.map((c) => c.id)).toContain(threadId);
      expect(list.conversations.map((c) => c.id)).not.toContain(team);
      await expect(getConversation(who, w.patientId, team)).rejects.toBeInstanceOf(NotFoundError);
      const dto = await getConversation(who, w.patientId, threadId);
      const text = JSON.stringify(dto);
      expect(text).toContain("Sí, puede tomar agua.");
      expect(text).not.toContain("STAFF-NOTE");
      expect(text).not.toContain("TEAM-ONLY");
    }
    // The care team sees both, the note marked as not shared.
    const staff = await listPatientMessages(w.coordinator, w.patientId);
    const thread = staff.threads.find((t) => t.id === threadId)!;
    expect(thread.messages.map((m) => [m.body, m.sharedWithPatient, m.fromPatientSide])).toEqual([
      ["¿Puedo tomar agua?", true, true],
      ["STAFF-NOTE: check the copay first", false, false],
      ["Sí, puede tomar agua.", true, false],
    ]);
    expect(staff.threads.find((t) => t.id === team)).toMatchObject({ withPatient: false, topic: null });
  });
});

describe("language and the answer clock", () => {
  it("records each message's language: the portal's for the patient, staff's choice or else her preferred one", async () => {
    const threadId = await ask(w);
    await replyToThread(w.coordinator, threadId, { body: "Respuesta", shared: true });
    await replyToThread(w.coordinator, threadId, {
      body: "An answer in English",
      shared: true,
      language: "en",
    });
    await replyInConversation(w.daughter, w.patientId, threadId, { body: "Thanks" }, "en", en);
    const { conversation } = await getConversation(w.patient, w.patientId, threadId);
    expect(conversation.messages.map((m) => [m.body, m.language])).toEqual([
      ["¿Puedo tomar agua?", "es"],
      ["Respuesta", "es"],
      ["An answer in English", "en"],
      ["Thanks", "en"],
    ]);
    const staff = await listPatientMessages(w.advocate, w.patientId);
    expect(staff).toMatchObject({ preferredLanguage: "es", interpreterNeeded: true, defaultLanguage: "es" });
  });

  it("gives a reader of English the English beside a Spanish answer, the patient her Spanish, and staff both", async () => {
    const threadId = await ask(w);
    await replyToThread(w.coordinator, threadId, {
      body: "Sí, puede tomar agua.",
      bodyEnglish: "Yes, you may drink water.",
      shared: true,
      language: "es",
    });
    const answer = async (reader: Actor, locale: string) =>
      (await getConversation(reader, w.patientId, threadId, locale)).conversation.messages.at(-1)!;
    expect(await answer(w.patient, "es")).toMatchObject({ body: "Sí, puede tomar agua.", language: "es" });
    expect(await answer(w.daughter, "en")).toMatchObject({
      body: "Yes, you may drink water.",
      language: "en",
    });
    // The portal is sent one version only.
    expect(Object.keys(await answer(w.daughter, "en"))).not.toContain("bodyEnglish");
    const staff = await listPatientMessages(w.coordinator, w.patientId);
    const kept = staff.threads.flatMap((t) => t.messages).find((m) => m.body === "Sí, puede tomar agua.")!;
    expect(kept).toMatchObject({ language: "es", bodyEnglish: "Yes, you may drink water." });
    // English beside English: refused by the database as by the form.
    await expectDatabaseError(
      replyToThread(w.coordinator, threadId, {
        body: "Yes",
        bodyEnglish: "Yes",
        shared: true,
        language: "en",
      }),
      { code: "23514", constraint: "messages_english_beside_spanish" },
    );
  });

  it("sets answer_due_at when the patient's side writes, keeps it on a second message, clears it on a shared answer only", async () => {
    const before = answerDueAt(new Date());
    const threadId = await ask(w);
    const after = answerDueAt(new Date());
    const due = async () =>
      (await db().select().from(messageThreads).where(eq(messageThreads.id, threadId)))[0]!.answerDueAt;
    const first = await due();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(first!.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
    await replyInConversation(w.patient, w.patientId, threadId, { body: "¿Y café?" }, "es", es);
    expect(await due()).toEqual(first);
    await replyToThread(w.advocate, threadId, { body: "Note only", shared: false });
    expect(await due()).toEqual(first);
    await replyToThread(w.coordinator, threadId, { body: "Sin café.", shared: true });
    expect(await due()).toBeNull();
    await replyInConversation(w.daughter, w.patientId, threadId, { body: "Gracias" }, "es", es);
    expect(await due()).not.toBeNull();
  });
});

describe("staff manage a conversation", () => {
  it("assigns within the caseload, closes and reopens at the version seen; the patient's message reopens it", async () => {
    const threadId = await ask(w);
    await assignConversation(w.coordinator, threadId, { assignee: w.advocate.userId, version: 1 });
    await expect(
      assignConversation(w.coordinator, threadId, { assignee: w.outsider.userId, version: 2 }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(closeConversation(w.coordinator, threadId, { version: 1 })).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    await expect(closeConversation(w.outsider, threadId, { version: 2 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(closeConversation(w.patient, threadId, { version: 2 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await closeConversation(w.coordinator, threadId, { version: 2 });
    const row = async () =>
      (await db().select().from(messageThreads).where(eq(messageThreads.id, threadId)))[0]!;
    expect(await row()).toMatchObject({
      status: "closed",
      closedBy: w.coordinator.userId,
      assignedTo: w.advocate.userId,
      answerDueAt: null,
      version: 3,
    });
    await reopenConversation(w.advocate, threadId, { version: 3 });
    expect(await row()).toMatchObject({ status: "open", closedAt: null, version: 4 });
    await closeConversation(w.advocate, threadId, { version: 4 });
    await replyInConversation(w.patient, w.patientId, threadId, { body: "Una pregunta más" }, "es", es);
    expect(await row()).toMatchObject({ status: "open", closedAt: null, version: 6 });
    expect((await row()).answerDueAt).not.toBeNull();

    expect((await auditTrail(w.coordinator.userId, "conversation.assign")).at(-1)).toMatchObject({
      patientId: w.patientId,
      entityType: "message_thread",
      entityId: threadId,
      details: { assignedTo: w.advocate.userId },
    });
    expect((await auditTrail(w.coordinator.userId, "conversation.close")).at(-1)?.entityId).toBe(threadId);
    expect((await auditTrail(w.advocate.userId, "conversation.reopen")).at(-1)?.entityId).toBe(threadId);
  });

  it("a team thread is not a conversation: it cannot be assigned or closed", async () => {
    const team = await startThread(w.coordinator, w.patientId, {
      subject: "Team",
      body: "Hi",
      shared: false,
    });
    await expect(
      assignConversation(w.coordinator, team, { assignee: w.advocate.userId, version: 1 }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(closeConversation(w.coordinator, team, { version: 1 })).rejects.toBeInstanceOf(DomainError);
  });

  it("the inbox puts overdue answers first and shows the patient's language and interpreter need", async () => {
    const late = await ask(w, { subject: "Late one" });
    await db()
      .update(messageThreads)
      .set({ answerDueAt: sql`now() - interval '1 day'` })
      .where(eq(messageThreads.id, late));
    const inbox = await listInbox(w.coordinator);
    expect(inbox[0]).toMatchObject({
      id: late,
      overdue: true,
      withPatient: true,
      preferredLanguage: "es",
      interpreterNeeded: true,
    });
    expect(inbox.slice(1).every((t) => !t.overdue)).toBe(true);
  });
});

describe("read receipts", () => {
  it("the patient sees when the team read hers; staff see when the patient's side read theirs", async () => {
    const threadId = await ask(w);
    let view = await getConversation(w.patient, w.patientId, threadId);
    expect(view.conversation.messages[0]!.readByTeam).toBe(false);
    await markThreadRead(w.coordinator, threadId);
    view = await getConversation(w.patient, w.patientId, threadId);
    expect(view.conversation.messages[0]!.readByTeam).toBe(true);

    await replyToThread(w.coordinator, threadId, { body: "Leído", shared: true });
    const unread = await getConversation(w.daughter, w.patientId, threadId);
    expect(unread.conversation.unread).toBe(2);
    let staff = (await listPatientMessages(w.coordinator, w.patientId)).threads.find(
      (t) => t.id === threadId,
    )!;
    expect(staff.messages.at(-1)!.readBy).toEqual([]);
    await markConversationRead(w.daughter, w.patientId, threadId);
    staff = (await listPatientMessages(w.coordinator, w.patientId)).threads.find((t) => t.id === threadId)!;
    expect(staff.messages.at(-1)!.readBy).toEqual(["Test family (family)"]);
    // Her son (no messages scope) cannot leave a receipt.
    await expect(markConversationRead(w.son, w.patientId, threadId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("attachments", () => {
  it("stores a PNG checked by its bytes and serves it as a no-store download, behind the message's policy", async () => {
    const threadId = await ask(w, { attachment: png() });
    const { conversation } = await getConversation(w.patient, w.patientId, threadId);
    const [file] = conversation.messages[0]!.attachments;
    expect(file).toMatchObject({ fileName: "rash.png", contentType: "image/png", sizeBytes: PNG.length });
    for (const who of [w.patient, w.daughter]) {
      const got = await downloadAttachment(who, file!.id, "portal");
      expect(Buffer.compare(got.content, PNG)).toBe(0);
    }
    const response = attachmentResponse(
      await downloadAttachment(w.coordinator, file!.id, { staffPatientId: w.patientId }),
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="rash.png"/);
    expect(response.headers.get("content-type")).toBe("image/png");
    // Refused: family without the scope, staff outside the caseload, staff naming another patient.
    await expect(downloadAttachment(w.son, file!.id, "portal")).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      downloadAttachment(w.outsider, file!.id, { staffPatientId: w.patientId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const other = await createPatient();
    await assignToCaseload(w.coordinator.userId, other.id, "coordinator");
    await expect(
      downloadAttachment(w.coordinator, file!.id, { staffPatientId: other.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(w.daughter.userId, "message.attachment-download")).toEqual([
      {
        action: "message.attachment-download",
        patientId: w.patientId,
        entityType: "message_attachment",
        entityId: file!.id,
        details: null,
      },
    ]);
  });

  it("a staff note's file is the team's only", async () => {
    const threadId = await ask(w);
    await replyToThread(w.advocate, threadId, {
      body: "Scan of the bill",
      shared: false,
      attachment: png("bill.png"),
    });
    const staff = (await listPatientMessages(w.advocate, w.patientId)).threads.find(
      (t) => t.id === threadId,
    )!;
    const fileId = staff.messages.at(-1)!.attachments[0]!.id;
    await downloadAttachment(w.coordinator, fileId, { staffPatientId: w.patientId });
    await expect(downloadAttachment(w.patient, fileId, "portal")).rejects.toBeInstanceOf(NotFoundError);
    await expect(downloadAttachment(w.daughter, fileId, "portal")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a file that is not a PDF, JPEG or PNG by its bytes, or over 10 MB, in the sender's language, storing nothing", async () => {
    const before = await counts();
    const fake = new File([Buffer.from("MZ this is a program")], "photo.png", { type: "image/png" });
    const wrong = await ask(w, { attachment: fake }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(DomainError);
    expect((wrong as DomainError).message).toBe(es.refused);
    expect((wrong as DomainError).fieldErrors).toEqual({ attachment: [es.wrongType] });

    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    PNG.copy(big);
    const large = await ask(w, { attachment: new File([big], "big.png") }).catch((e: unknown) => e);
    expect((large as DomainError).fieldErrors).toEqual({ attachment: [es.tooLarge] });

    const staff = await replyToThread(w.coordinator, await ask(w), {
      body: "x",
      shared: true,
      attachment: fake,
    }).catch((e: unknown) => e);
    expect((staff as DomainError).fieldErrors.attachment?.[0]).toMatch(/PDF, JPEG or PNG/);
    const after = await counts();
    // Only the one conversation started for the staff reply was stored; none of the refused.
    expect(after).toEqual({
      threads: before.threads + 1,
      messages: before.messages + 1,
      attachments: before.attachments,
    });
    // Positive control: the same size limit, a real PDF, is taken.
    const pdf = new File([Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n")], "letter.pdf");
    const ok = await ask(w, { attachment: pdf });
    const { conversation } = await getConversation(w.patient, w.patientId, ok);
    expect(conversation.messages[0]!.attachments[0]).toMatchObject({ contentType: "application/pdf" });
  });
});

describe("audit", () => {
  it("records starting, listing and reading a conversation, and each message", async () => {
    const threadId = await ask(w);
    await listConversations(w.daughter, w.patientId);
    await getConversation(w.daughter, w.patientId, threadId);
    await replyInConversation(w.daughter, w.patientId, threadId, { body: "Yo también" }, "es", es);
    expect((await auditTrail(w.patient.userId, "conversation.start")).at(-1)).toMatchObject({
      patientId: w.patientId,
      entityType: "message_thread",
      entityId: threadId,
      details: { topic: "appointment", language: "es", attachment: false },
    });
    expect((await auditTrail(w.daughter.userId, "conversation.list")).at(-1)).toMatchObject({
      patientId: w.patientId,
    });
    expect((await auditTrail(w.daughter.userId, "conversation.read")).at(-1)).toMatchObject({
      patientId: w.patientId,
      entityType: "message_thread",
      entityId: threadId,
    });
    expect((await auditTrail(w.daughter.userId, "message.post")).at(-1)).toMatchObject({
      patientId: w.patientId,
      entityType: "message",
      details: { threadId, shared: true, language: "es", reopened: false },
    });
  });
});

describe("the body limit for a message with a file", () => {
  const post = (size: number) =>
    new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-length": String(size), "content-type": "text/plain" },
      body: "x",
    });

  it("takes 10 MB and the form around it on the conversation pages only; elsewhere 200 KB stays the limit", async () => {
    expect(bodyLimitFor("/me/messages")).toBe(ATTACHMENT_BODY_BYTES);
    expect(bodyLimitFor("/me/messages/0b9e6a52-0000-4000-8000-000000000000")).toBe(ATTACHMENT_BODY_BYTES);
    expect(bodyLimitFor("/patients/0b9e6a52-0000-4000-8000-000000000000/messages")).toBe(
      ATTACHMENT_BODY_BYTES,
    );
    expect(bodyLimitFor("/me/concerns/new")).toBe(MAX_BODY_BYTES);
    expect(bodyLimitFor("/patients/x/messages-elsewhere")).toBe(MAX_BODY_BYTES);
    expect(ATTACHMENT_BODY_BYTES).toBeGreaterThan(ATTACHMENT_MAX_BYTES);
    expect(await refuseBadRequest(post(ATTACHMENT_MAX_BYTES + 100_000), "/me/concerns/new")).toBe(413);
    expect(await refuseBadRequest(post(ATTACHMENT_BODY_BYTES + 1), "/me/messages")).toBe(413);
    // The control: the same 10 MB body is let through to the conversation page.
    expect(await refuseBadRequest(post(ATTACHMENT_MAX_BYTES + 100_000), "/me/messages")).toBeNull();
  });
});
