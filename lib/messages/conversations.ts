import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { messageThreads, type WrittenLanguage } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, type PatientPermission } from "@/lib/authz";
import { answerDueAt } from "@/lib/clocks";
import { NotFoundError } from "@/lib/errors";
import { type AttachmentWords, checkAttachment } from "./attachments";
import { insertMessage } from "./post";
import { markRead, type ShownRange } from "./read-marks";
import type { PortalReplyInput, PortalStartInput } from "./schemas";

/** A conversation of this patient, as the portal may name it; anything else is the 404. */
async function conversationOf(
  actor: Actor,
  permission: PatientPermission,
  patientId: string,
  threadId: string,
) {
  await authorizePatient(actor, permission, patientId);
  const [thread] = await db()
    .select({ id: messageThreads.id, status: messageThreads.status })
    .from(messageThreads)
    .where(
      and(
        eq(messageThreads.id, threadId),
        eq(messageThreads.patientId, patientId),
        eq(messageThreads.withPatient, true),
      ),
    );
  if (!thread) throw new NotFoundError();
  return thread;
}

/**
 * The patient, or family with the messages scope, start a conversation with the care team on a
 * topic. Written in the portal's language; the team's answer is due by the organisation's clock.
 */
export async function startConversation(
  actor: Actor,
  patientId: string,
  input: PortalStartInput,
  language: WrittenLanguage,
  words: AttachmentWords,
): Promise<string> {
  await authorizePatient(actor, "write:message:portal", patientId);
  const file = await checkAttachment(input.attachment, words);
  return db().transaction(async (tx) => {
    const [thread] = await tx
      .insert(messageThreads)
      .values({
        patientId,
        subject: input.subject,
        createdBy: actor.userId,
        withPatient: true,
        topic: input.topic,
        answerDueAt: answerDueAt(new Date()),
      })
      .returning({ id: messageThreads.id });
    const messageId = await insertMessage(
      tx,
      actor,
      { threadId: thread!.id, patientId, body: input.body, shared: true, language, from: "patient-side" },
      file,
    );
    await markRead(tx, actor.userId, thread!.id);
    await recordAudit(tx, actor, {
      action: "conversation.start",
      patientId,
      entityType: "message_thread",
      entityId: thread!.id,
      details: { topic: input.topic, language, messageId: messageId, attachment: file !== null },
    });
    return thread!.id;
  });
}

/**
 * The patient's side replies. The team's answer falls due if nothing was waiting already, and a
 * closed conversation opens again: the patient is never told to go elsewhere.
 */
export async function replyInConversation(
  actor: Actor,
  patientId: string,
  threadId: string,
  input: PortalReplyInput,
  language: WrittenLanguage,
  words: AttachmentWords,
): Promise<void> {
  const thread = await conversationOf(actor, "write:message:portal", patientId, threadId);
  const file = await checkAttachment(input.attachment, words);
  const reopened = thread.status === "closed";
  await db().transaction(async (tx) => {
    const messageId = await insertMessage(
      tx,
      actor,
      { threadId, patientId, body: input.body, shared: true, language, from: "patient-side" },
      file,
    );
    await tx
      .update(messageThreads)
      .set({
        lastMessageAt: sql`now()`,
        answerDueAt: sql`coalesce(${messageThreads.answerDueAt}, ${answerDueAt(new Date()).toISOString()}::timestamptz)`,
        ...(reopened
          ? {
              status: "open" as const,
              closedAt: null,
              closedBy: null,
              version: sql`${messageThreads.version} + 1`,
              updatedAt: sql`now()`,
              updatedBy: actor.userId,
            }
          : {}),
      })
      .where(eq(messageThreads.id, threadId));
    await markRead(tx, actor.userId, threadId);
    await recordAudit(tx, actor, {
      action: "message.post",
      patientId,
      entityType: "message",
      entityId: messageId,
      details: { threadId, shared: true, language, attachment: file !== null, reopened },
    });
  });
}

/**
 * The patient's side has read a conversation, up to its newest message or with `shown` as far as
 * the page they saw (lib/messages/read-marks.ts): the team's read receipt.
 */
export async function markConversationRead(
  actor: Actor,
  patientId: string,
  threadId: string,
  shown?: ShownRange,
): Promise<void> {
  await conversationOf(actor, "read:sharedMessages:portal", patientId, threadId);
  await markRead(db(), actor.userId, threadId, shown, true);
}
