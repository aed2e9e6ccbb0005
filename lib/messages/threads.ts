import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { messageThreads } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { ATTACHMENT_WORDS_EN, checkAttachment } from "./attachments";
import { insertMessage } from "./post";
import { markRead, type ShownRange } from "./read-marks";
import type { NewThreadInput, ReplyInput } from "./schemas";

/**
 * Staff start a thread with its first message. A first message shared with the patient makes it
 * a conversation the patient (and family with the messages scope) can answer; otherwise it stays
 * among the care team.
 */
export async function startThread(actor: Actor, patientId: string, input: NewThreadInput): Promise<string> {
  await authorizePatient(actor, "write:teamNotes", patientId);
  const file = await checkAttachment(input.attachment, ATTACHMENT_WORDS_EN);
  const language = input.language ?? (await unsafeReadLanguageNeed(db(), patientId)).defaultLanguage;
  return db().transaction(async (tx) => {
    const [thread] = await tx
      .insert(messageThreads)
      .values({
        patientId,
        subject: input.subject,
        createdBy: actor.userId,
        withPatient: input.shared,
        topic: input.shared ? "other" : null,
      })
      .returning({ id: messageThreads.id });
    const messageId = await insertMessage(
      tx,
      actor,
      {
        threadId: thread!.id,
        patientId,
        body: input.body,
        bodyEnglish: input.bodyEnglish,
        shared: input.shared,
        language,
        from: "team",
      },
      file,
    );
    await markRead(tx, actor.userId, thread!.id);
    await recordAudit(tx, actor, {
      action: "message.post",
      patientId,
      entityType: "message",
      entityId: messageId,
      details: { threadId: thread!.id, shared: input.shared, language, attachment: file !== null },
    });
    return thread!.id;
  });
}

/**
 * Staff reply in a thread: shared with the patient (an answer: the conversation is no longer
 * waiting on the team, and a team thread becomes a conversation), or a staff-only note.
 */
export async function replyToThread(actor: Actor, threadId: string, input: ReplyInput): Promise<void> {
  const [thread] = await db()
    .select({ patientId: messageThreads.patientId })
    .from(messageThreads)
    .where(eq(messageThreads.id, threadId));
  if (!thread) throw new NotFoundError();
  await authorizePatient(actor, "write:teamNotes", thread.patientId);
  const file = await checkAttachment(input.attachment, ATTACHMENT_WORDS_EN);
  const language = input.language ?? (await unsafeReadLanguageNeed(db(), thread.patientId)).defaultLanguage;
  await db().transaction(async (tx) => {
    const messageId = await insertMessage(
      tx,
      actor,
      {
        threadId,
        patientId: thread.patientId,
        body: input.body,
        bodyEnglish: input.bodyEnglish,
        shared: input.shared,
        language,
        from: "team",
      },
      file,
    );
    await tx
      .update(messageThreads)
      .set(
        input.shared
          ? {
              lastMessageAt: sql`now()`,
              withPatient: true,
              topic: sql`coalesce(${messageThreads.topic}, 'other')`,
              answerDueAt: null,
            }
          : { lastMessageAt: sql`now()` },
      )
      .where(eq(messageThreads.id, threadId));
    await markRead(tx, actor.userId, threadId);
    await recordAudit(tx, actor, {
      action: "message.post",
      patientId: thread.patientId,
      entityType: "message",
      entityId: messageId,
      details: { threadId, shared: input.shared, language, attachment: file !== null },
    });
  });
}

/**
 * Records that a member of the care team has read a thread: up to its newest message, or with
 * `shown` as far as the page they opened (lib/messages/read-marks.ts says when that is marked).
 */
export async function markThreadRead(actor: Actor, threadId: string, shown?: ShownRange): Promise<void> {
  const [thread] = await db()
    .select({ patientId: messageThreads.patientId })
    .from(messageThreads)
    .where(eq(messageThreads.id, threadId));
  if (!thread) throw new NotFoundError();
  await authorizePatient(actor, "read:teamNotes", thread.patientId);
  await markRead(db(), actor.userId, threadId, shown);
}
