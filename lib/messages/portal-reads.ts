import { versionFor } from "@/lib/written-language";
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  type ConversationStatus,
  type ConversationTopic,
  messageReads,
  messages,
  messageThreads,
  users,
  type WrittenLanguage,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { readPatientRecord } from "@/lib/records/patient-read";
import { type AttachmentMeta, attachmentsOf } from "./attachments";
import { onPortalSide, readersOf, readMarksOf } from "./read-marks";

export interface PortalConversationSummary {
  id: string;
  subject: string;
  topic: ConversationTopic | null;
  status: ConversationStatus;
  lastMessageAt: Date;
  /** Messages shared in it by others since this person last read it. */
  unread: number;
}

/** A message as the patient and family see it: only what was shared, never a staff note. */
export interface PortalMessage {
  id: string;
  authorName: string;
  fromCareTeam: boolean;
  mine: boolean;
  body: string;
  language: WrittenLanguage;
  createdAt: Date;
  attachments: Omit<AttachmentMeta, "messageId">[];
  /** For a message from the patient's side: whether someone on the care team has read it. */
  readByTeam: boolean;
}

export interface PortalConversation {
  id: string;
  subject: string;
  topic: ConversationTopic | null;
  status: ConversationStatus;
  messages: PortalMessage[];
  unread: number;
  canReply: boolean;
}

/** Shared messages by others after the person's last read of the thread. */
const portalUnread = (userId: string) =>
  sql<number>`(select count(*)::int from ${messages} m
    left join ${messageReads} r on r.thread_id = m.thread_id and r.user_id = ${userId}
    where m.thread_id = ${sql.raw('"message_threads"."id"')} and m.shared_with_patient
      and m.author_id <> ${userId} and (r.last_read_at is null or m.created_at > r.last_read_at))`;

/** The patient's conversations with the care team, newest first, for the patient and family with the messages scope. */
export async function listConversations(actor: Actor, patientId: string) {
  return readPatientRecord(
    actor,
    "read:sharedMessages:portal",
    patientId,
    async ({ database, can }) => ({
      conversations: (await database
        .select({
          id: messageThreads.id,
          subject: messageThreads.subject,
          topic: messageThreads.topic,
          status: messageThreads.status,
          lastMessageAt: messageThreads.lastMessageAt,
          unread: portalUnread(actor.userId),
        })
        .from(messageThreads)
        .where(and(eq(messageThreads.patientId, patientId), eq(messageThreads.withPatient, true)))
        .orderBy(desc(messageThreads.lastMessageAt))
        .limit(100)) as PortalConversationSummary[],
      canStart: can("write:message:portal"),
    }),
    "conversation.list",
  );
}

/** One conversation, with the messages shared in it and whether the team has read the patient's side. */
export async function getConversation(actor: Actor, patientId: string, threadId: string, reader?: string) {
  return readPatientRecord(
    actor,
    "read:sharedMessages:portal",
    patientId,
    async ({ database, can }): Promise<{ conversation: PortalConversation }> => {
      const [thread] = await database
        .select({
          id: messageThreads.id,
          subject: messageThreads.subject,
          topic: messageThreads.topic,
          status: messageThreads.status,
          unread: portalUnread(actor.userId),
        })
        .from(messageThreads)
        .where(
          and(
            eq(messageThreads.id, threadId),
            eq(messageThreads.patientId, patientId),
            eq(messageThreads.withPatient, true),
          ),
        );
      if (!thread) throw new NotFoundError();
      const rows = await database
        .select({
          id: messages.id,
          threadId: messages.threadId,
          authorId: messages.authorId,
          authorName: users.name,
          authorRole: users.role,
          body: messages.body,
          language: messages.language,
          bodyEnglish: messages.bodyEnglish,
          createdAt: messages.createdAt,
        })
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(and(eq(messages.threadId, threadId), eq(messages.sharedWithPatient, true)))
        .orderBy(asc(messages.createdAt))
        .limit(1000);
      const [files, marks] = await Promise.all([
        attachmentsOf(
          database,
          rows.map((m) => m.id),
        ),
        readMarksOf(database, [threadId]),
      ]);
      return {
        conversation: {
          id: thread.id,
          subject: thread.subject,
          topic: thread.topic,
          status: thread.status,
          unread: thread.unread,
          canReply: can("write:message:portal"),
          messages: rows.map((m) => {
            const fromCareTeam = !onPortalSide(m.authorRole);
            // The reader's language's version when staff wrote one, else the message as written.
            const seen = versionFor(reader ?? m.language, m.language, m.body, m.bodyEnglish);
            return {
              id: m.id,
              authorName: m.authorName,
              fromCareTeam,
              mine: m.authorId === actor.userId,
              body: seen.value,
              language: seen.language,
              createdAt: m.createdAt,
              attachments: files.filter((f) => f.messageId === m.id).map(({ messageId: _, ...f }) => f),
              readByTeam: !fromCareTeam && readersOf(marks, m, false).length > 0,
            };
          }),
        },
      };
    },
    () => ({ action: "conversation.read", entityType: "message_thread", entityId: threadId }),
  );
}
