import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { captureStatements, db, queryRows } from "@/db/client";
import { auditEvents, familyAccessGrants, messageThreads } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { MESSAGES } from "@/lib/i18n/messages";
import {
  getConversation,
  listInboxPage,
  listPatientMessages,
  MESSAGES_PER_PAGE,
  markConversationRead,
  markThreadRead,
  startConversation,
  startThread,
} from "@/lib/messages";
import { actorFor, assignToCaseload, createPatient, createUser } from "./support/factories";

let patientId: string;
let coordinator: Actor;
let patient: Actor;
let daughter: Actor;

/** A conversation the patient started, then `n` more messages an hour apart: the team and she in turn, every tenth a staff note. */
async function longConversation(n: number): Promise<string> {
  const en = MESSAGES.en.conversations.errors;
  const start = { topic: "other" as const, subject: "Questions between visits", body: "First question" };
  const threadId = await startConversation(patient, patientId, start, "en", en);
  await db().execute(sql`
    insert into messages (thread_id, patient_id, author_id, body, shared_with_patient, created_at)
    select ${threadId}, ${patientId}, case when k % 2 = 0 then ${coordinator.userId}::uuid else ${patient.userId}::uuid end,
      case when k % 10 = 0 then 'Staff note ' || k else 'Message ' || k end, k % 10 <> 0, now() + make_interval(hours => k + 1)
    from generate_series(0, ${n - 1}) k`);
  return threadId;
}

beforeAll(async () => {
  const p = await createPatient();
  patientId = p.id;
  coordinator = actorFor(await createUser("coordinator"));
  await assignToCaseload(coordinator.userId, p.id, "coordinator");
  patient = actorFor(await createUser("patient", { patientId: p.id }));
  daughter = actorFor(await createUser("family"));
  await db().insert(familyAccessGrants).values({
    familyUserId: daughter.userId,
    patientId: p.id,
    grantedBy: patient.userId,
    relationship: "daughter",
    canViewTimeline: true,
    canMessage: true,
  });
});

describe("a long conversation, a page at a time", () => {
  it("the portal shows the newest page in order, earlier ones by `before`, and never counts a staff note", async () => {
    const threadId = await longConversation(50); // 51 messages, 5 staff notes: 46 shared
    const read = (before?: string) =>
      getConversation(daughter, patientId, threadId, "en", before).then((r) => r.conversation);
    const pages = [await read()];
    while (pages.at(-1)!.earlierCursor) pages.push(await read(pages.at(-1)!.earlierCursor!));
    expect(pages.map((p) => p.messages.length)).toEqual([MESSAGES_PER_PAGE, MESSAGES_PER_PAGE, 6]);
    expect(pages.map((p) => [p.paged, p.earlier])).toEqual([
      [false, 26],
      [true, 6],
      [true, 0],
    ]);
    const all = pages.reverse().flatMap((p) => p.messages);
    expect(all.map((m) => m.body)).toEqual([
      "First question",
      ...[...Array(50).keys()].filter((k) => k % 10).map((k) => `Message ${k}`),
    ]);
    expect(new Set(all.map((m) => m.id)).size).toBe(46);
    // A cursor she may not see (a staff note) names no page: she gets the newest.
    const [note] = await queryRows<{ id: string }>(
      db(),
      sql`select id from messages where thread_id = ${threadId} and not shared_with_patient limit 1`,
    );
    expect((await read(note!.id)).paged).toBe(false);
  });

  it("staff see every thread's newest few, the open one a page at a time with its notes, and the read names the page", async () => {
    const threadId = await longConversation(30);
    await startThread(coordinator, patientId, { subject: "Transport", body: "Booked.", shared: false });
    const closed = await listPatientMessages(coordinator, patientId);
    expect(closed.threads.every((t) => !t.opened && t.messages.length <= 5)).toBe(true);
    const open = await listPatientMessages(coordinator, patientId, { thread: threadId });
    const thread = open.threads.find((t) => t.id === threadId)!;
    expect([thread.opened, thread.messages.length, thread.messageCount]).toEqual([
      true,
      MESSAGES_PER_PAGE,
      31,
    ]);
    expect(thread.messages.at(-1)!.body).toBe("Message 29");
    expect(open.threads.filter((t) => t.id !== threadId).every((t) => t.messages.length === 0)).toBe(true);
    const earlier = await listPatientMessages(coordinator, patientId, { before: thread.earlierCursor! });
    const page = earlier.threads.find((t) => t.id === threadId)!;
    expect([page.opened, page.paged, page.messages.length, page.earlier]).toEqual([true, true, 11, 0]);
    expect(page.messages[0]!.body).toBe("First question");
    const [event] = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, coordinator.userId), eq(auditEvents.action, "message.list")))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event!.details).toEqual({ thread: threadId, before: thread.earlierCursor, shown: 11 });
  });
});

describe("read marks follow what was shown", () => {
  it("the portal never marks an unseen message read: the newest page waits while unread ones lie before it", async () => {
    const threadId = await longConversation(50);
    const read = (before?: string) =>
      getConversation(daughter, patientId, threadId, "en", before).then((r) => r.conversation);
    const newest = await read();
    expect([newest.unread, newest.unreadEarlier, newest.markRead]).toEqual([46, 26, null]);
    // Sent anyway (a crafted request), the range is refused by the same rule in SQL.
    const range = { from: newest.messages[0]!.id, to: newest.messages.at(-1)!.id };
    await markConversationRead(daughter, patientId, threadId, range);
    expect((await read()).unread).toBe(46);

    const middle = await read(newest.earlierCursor!);
    const oldest = await read(middle.earlierCursor!);
    expect(middle.markRead).toBeNull();
    await markConversationRead(daughter, patientId, threadId, oldest.markRead!);
    expect((await read()).unread).toBe(40);
    await markConversationRead(daughter, patientId, threadId, (await read(newest.earlierCursor!)).markRead!);
    const last = await read();
    expect([last.unread, last.unreadEarlier]).toEqual([20, 0]);
    await markConversationRead(daughter, patientId, threadId, last.markRead!);
    expect((await read()).markRead).toBeNull();
    expect((await read()).unread).toBe(0);
  });

  it("staff: a closed thread's glimpse is marked only when nothing unread is before it; its open page is", async () => {
    const threadId = await longConversation(8); // the patient's 5 messages are unread for the coordinator
    const other = coordinator;
    const closed = (await listPatientMessages(other, patientId)).threads.find((t) => t.id === threadId)!;
    expect([closed.messages.length, closed.unreadEarlier, closed.markRead]).toEqual([5, 2, null]);
    await markThreadRead(other, threadId, { from: closed.messages[0]!.id, to: closed.messages.at(-1)!.id });
    expect((await listPatientMessages(other, patientId)).threads.find((t) => t.id === threadId)!.unread).toBe(
      5,
    );
    const open = (await listPatientMessages(other, patientId, { thread: threadId })).threads.find(
      (t) => t.id === threadId,
    )!;
    await markThreadRead(other, threadId, open.markRead!);
    expect((await listPatientMessages(other, patientId)).threads.find((t) => t.id === threadId)!.unread).toBe(
      0,
    );
  });
});

describe("the inbox and the statements", () => {
  it("the inbox comes a page at a time in its order, with how many in all, and the read names the page", async () => {
    const staff = actorFor(await createUser("coordinator"));
    for (let i = 0; i < 27; i++) {
      const p = await createPatient();
      await assignToCaseload(staff.userId, p.id, "coordinator");
      const id = await startThread(staff, p.id, { subject: `Thread ${i}`, body: "Booked.", shared: true });
      if (i === 26)
        await db()
          .update(messageThreads)
          .set({ answerDueAt: sql`now() - interval '1 day'` })
          .where(eq(messageThreads.id, id));
    }
    const [first, second] = [await listInboxPage(staff, 1), await listInboxPage(staff, 2)];
    expect([first.threads.length, second.threads.length, first.total, second.total]).toEqual([25, 2, 27, 27]);
    expect(first.threads[0]).toMatchObject({ subject: "Thread 26", overdue: true });
    expect(new Set([...first.threads, ...second.threads].map((t) => t.id)).size).toBe(27);
    const events = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, staff.userId), eq(auditEvents.action, "message.inbox")))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => [e.details?.page, e.details?.shown])).toEqual([
      [1, 25],
      [2, 2],
    ]);
  });

  it("each conversation read is one statement of its own beside the policy, the header and the audit", async () => {
    const threadId = await longConversation(40);
    for (const read of [
      () => listPatientMessages(coordinator, patientId, { thread: threadId }),
      () => getConversation(patient, patientId, threadId, "en"),
    ]) {
      const statements = await captureStatements(read);
      expect(statements.filter((s) => s.query.includes('"messages"'))).toHaveLength(1);
      expect(statements.length).toBeLessThanOrEqual(4);
    }
  });
});
