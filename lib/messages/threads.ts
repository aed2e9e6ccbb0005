import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, type Executor } from "@/db/client";
import { messageReads, messages, messageThreads } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import type { NewThreadSchema, ReplySchema } from "./schemas";

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
