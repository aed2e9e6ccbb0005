import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import {
  type ConversationStatus,
  type ConversationTopic,
  messageReads,
  messages,
  messageThreads,
  type WrittenLanguage,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { readPatientRecord } from "@/lib/records/patient-read";
import { versionFor } from "@/lib/written-language";
import type { AttachmentMeta } from "./attachments";
import {
  attachmentsJson,
  marksOf,
  type PageColumns,
  type PageOfThread,
  pageColumns,
  pageCtes,
  pageJoins,
  pageOf,
  portalRoles,
  toDate,
} from "./pages";

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

export interface PortalConversation extends PageOfThread {
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

/** A shared message as the patient's side reads it, with whether someone on the team has read theirs. */
const portalMessage = (reader: string) => sql`json_build_object('id', p.id, 'authorName', u.name,
  'fromCareTeam', u.role not in (${portalRoles}), 'mine', p.author_id = ${reader}, 'body', p.body,
  'bodyEnglish', p.body_english, 'language', p.language, 'createdAt', p.created_at, 'attachments', ${attachmentsJson},
  'readByTeam', u.role in (${portalRoles}) and exists (select 1 from ${marksOf(false)}))`;

type ConversationRow = Pick<PortalConversation, "id" | "subject" | "topic" | "status"> &
  PageColumns<Omit<PortalMessage, "createdAt"> & { createdAt: string; bodyEnglish: string | null }>;

/**
 * One conversation, with a page of the messages shared in it (the newest, or those before the
 * message `before` names) and whether the team has read the patient's side. One statement.
 */
export async function getConversation(
  actor: Actor,
  patientId: string,
  threadId: string,
  reader?: string,
  before?: string,
) {
  return readPatientRecord(
    actor,
    "read:sharedMessages:portal",
    patientId,
    async ({ database, can }): Promise<{ conversation: PortalConversation }> => {
      const [row] = await queryRows<ConversationRow>(
        database,
        sql`with ${pageCtes(before, true, sql`${threadId}::uuid`)}
          select t.id, t.subject, t.topic, t.status, ${pageColumns}
            from ${messageThreads} t
            ${pageJoins({ thread: sql`t.id`, reader: actor.userId, sharedOnly: true, message: portalMessage(actor.userId) })}
           where t.id = ${threadId} and t.patient_id = ${patientId} and t.with_patient`,
      );
      if (!row) throw new NotFoundError();
      return {
        conversation: {
          id: row.id,
          subject: row.subject,
          topic: row.topic,
          status: row.status,
          unread: row.unread,
          canReply: can("write:message:portal"),
          ...pageOf(row),
          messages: row.messages.map(({ bodyEnglish, ...m }) => {
            // The reader's language's version when staff wrote one, else the message as written.
            const seen = versionFor(reader ?? m.language, m.language, m.body, bodyEnglish);
            return { ...m, body: seen.value, language: seen.language, createdAt: toDate(m.createdAt) };
          }),
        },
      };
    },
    ({ conversation: c }) => ({
      action: "conversation.read",
      entityType: "message_thread",
      entityId: threadId,
      // The range shown: a long conversation is read a page at a time.
      details: {
        shown: c.messages.length,
        first: c.messages[0]?.id ?? null,
        last: c.messages.at(-1)?.id ?? null,
      },
    }),
  );
}
