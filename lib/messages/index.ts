import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { caseloadAssignments, messageReads, messages, messageThreads, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  caseloadPatientIds,
  currentAssignments,
} from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";

const body = z
  .string()
  .trim()
  .min(1, { error: "Write your message." })
  .max(5000, { error: "Keep a message under 5,000 characters." });
const shared = z
  .enum(["on"])
  .optional()
  .transform((v) => v === "on");

export const NewThreadSchema = z.object({
  subject: z.string().trim().min(3, { error: "Give the thread a subject." }).max(120),
  body,
  shared,
});
export const ReplySchema = z.object({ body, shared });
export const ThreadIdSchema = z.uuid();

export interface ThreadSummary {
  id: string;
  subject: string;
  lastMessageAt: Date;
  messageCount: number;
  unread: number;
}

export interface ThreadMessage {
  id: string;
  authorName: string;
  authorRole: string;
  body: string;
  sharedWithPatient: boolean;
  createdAt: Date;
}

export interface PatientMessages {
  patient: PatientHeader;
  threads: (ThreadSummary & { messages: ThreadMessage[] })[];
}

/** Messages from others after my last read of the thread. */
const unreadFor = (userId: string) =>
  sql<number>`(select count(*)::int from ${messages} m
    left join ${messageReads} r on r.thread_id = m.thread_id and r.user_id = ${userId}
    where m.thread_id = ${sql.raw('"message_threads"."id"')} and m.author_id <> ${userId}
      and (r.last_read_at is null or m.created_at > r.last_read_at))`;

/** Every thread about one patient with its messages, for the staff on the care team. */
export async function listPatientMessages(actor: Actor, patientId: string): Promise<PatientMessages> {
  await authorizePatient(actor, "read:teamNotes", patientId);
  const database = db();
  const [patient, threads, rows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    database
      .select({
        id: messageThreads.id,
        subject: messageThreads.subject,
        lastMessageAt: messageThreads.lastMessageAt,
        messageCount: sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${sql.raw('"message_threads"."id"')})`,
        unread: unreadFor(actor.userId),
      })
      .from(messageThreads)
      .where(eq(messageThreads.patientId, patientId))
      .orderBy(desc(messageThreads.lastMessageAt))
      .limit(100),
    database
      .select({
        id: messages.id,
        threadId: messages.threadId,
        authorName: users.name,
        authorRole: users.role,
        body: messages.body,
        sharedWithPatient: messages.sharedWithPatient,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.patientId, patientId))
      .orderBy(asc(messages.createdAt))
      .limit(2000),
  ]);
  await recordAudit(database, actor, {
    action: "message.list",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return {
    patient,
    threads: threads.map((t) => ({ ...t, messages: rows.filter((m) => m.threadId === t.id) })),
  };
}

/** Starts a thread with its first message. */
export async function startThread(
  actor: Actor,
  patientId: string,
  input: z.infer<typeof NewThreadSchema>,
): Promise<string> {
  await authorizePatient(actor, "write:teamNotes", patientId);
  return db().transaction(async (tx) => {
    const [thread] = await tx
      .insert(messageThreads)
      .values({ patientId, subject: input.subject, createdBy: actor.userId })
      .returning({ id: messageThreads.id });
    const [message] = await tx
      .insert(messages)
      .values({
        threadId: thread!.id,
        patientId,
        authorId: actor.userId,
        body: input.body,
        sharedWithPatient: input.shared,
      })
      .returning({ id: messages.id });
    await markRead(tx, actor.userId, thread!.id);
    await recordAudit(tx, actor, {
      action: "message.post",
      patientId,
      entityType: "message",
      entityId: message!.id,
      details: { threadId: thread!.id, shared: input.shared },
    });
    return thread!.id;
  });
}

/** Replies in a thread. */
export async function replyToThread(
  actor: Actor,
  threadId: string,
  input: z.infer<typeof ReplySchema>,
): Promise<void> {
  const [thread] = await db()
    .select({ patientId: messageThreads.patientId })
    .from(messageThreads)
    .where(eq(messageThreads.id, threadId));
  if (!thread) throw new NotFoundError();
  await authorizePatient(actor, "write:teamNotes", thread.patientId);
  await db().transaction(async (tx) => {
    const [message] = await tx
      .insert(messages)
      .values({
        threadId,
        patientId: thread.patientId,
        authorId: actor.userId,
        body: input.body,
        sharedWithPatient: input.shared,
      })
      .returning({ id: messages.id });
    await tx.update(messageThreads).set({ lastMessageAt: sql`now()` }).where(eq(messageThreads.id, threadId));
    await markRead(tx, actor.userId, threadId);
    await recordAudit(tx, actor, {
      action: "message.post",
      patientId: thread.patientId,
      entityType: "message",
      entityId: message!.id,
      details: { threadId, shared: input.shared },
    });
  });
}

/**
 * Marks a thread read up to its newest message. The time is taken in SQL: a JavaScript Date has
 * milliseconds, PostgreSQL keeps microseconds, and a rounded-down mark would leave the newest
 * message unread.
 */
async function markRead(executor: Executor, userId: string, threadId: string) {
  const newest = sql`(select max(m.created_at) from ${messages} m where m.thread_id = ${threadId})`;
  await executor
    .insert(messageReads)
    .values({ userId, threadId, lastReadAt: newest })
    .onConflictDoUpdate({
      target: [messageReads.userId, messageReads.threadId],
      set: { lastReadAt: sql`greatest(${messageReads.lastReadAt}, excluded.last_read_at)` },
    });
}

/** Records that the actor has read a thread up to now. */
export async function markThreadRead(actor: Actor, threadId: string): Promise<void> {
  const [thread] = await db()
    .select({ patientId: messageThreads.patientId })
    .from(messageThreads)
    .where(eq(messageThreads.id, threadId));
  if (!thread) throw new NotFoundError();
  await authorizePatient(actor, "read:teamNotes", thread.patientId);
  await markRead(db(), actor.userId, threadId);
}

export interface InboxThread extends ThreadSummary {
  patientId: string;
  patientName: string;
  mrn: string;
}

/** Threads across the actor's caseload, those with unread messages first. */
export async function listInbox(actor: Actor): Promise<InboxThread[]> {
  await authorizeGlobal(actor, "read:teamInbox");
  const mine = caseloadPatientIds(actor.userId);
  const rows = await db()
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      lastMessageAt: messageThreads.lastMessageAt,
      messageCount: sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${sql.raw('"message_threads"."id"')})`,
      unread: unreadFor(actor.userId),
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      mrn: patients.mrn,
    })
    .from(messageThreads)
    .innerJoin(patients, eq(patients.id, messageThreads.patientId))
    .where(inArray(messageThreads.patientId, mine))
    .orderBy(desc(messageThreads.lastMessageAt))
    .limit(100);
  return rows
    .map((r) => ({ ...r, patientName: `${r.familyName}, ${r.givenName}` }))
    .sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0));
}

/** How many messages from others the actor has not read, across their caseload: the shell's badge. */
export async function countUnread(actor: Actor): Promise<number> {
  // The shell asks on every page, for every role: no inbox is a count of nothing, not a refusal.
  if (!allowsGlobal(actor.role, "read:teamInbox")) return 0;
  const [row] = await db()
    .select({ n: count() })
    .from(messages)
    .innerJoin(
      caseloadAssignments,
      and(eq(caseloadAssignments.patientId, messages.patientId), currentAssignments(actor.userId)),
    )
    .leftJoin(
      messageReads,
      and(eq(messageReads.threadId, messages.threadId), eq(messageReads.userId, actor.userId)),
    )
    .where(
      and(
        ne(messages.authorId, actor.userId),
        or(isNull(messageReads.lastReadAt), gt(messages.createdAt, messageReads.lastReadAt)),
      ),
    );
  return row?.n ?? 0;
}
