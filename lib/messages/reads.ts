import "server-only";
import { asc, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed, unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";
import { type AttachmentMeta, attachmentsOf } from "./attachments";
import { assigneesOf } from "./manage";
import { onPortalSide, readersOf, readMarksOf } from "./read-marks";

export interface ThreadSummary {
  id: string;
  subject: string;
  lastMessageAt: Date;
  messageCount: number;
  unread: number;
  /** A conversation with the patient (and family), rather than a thread among the care team. */
  withPatient: boolean;
  topic: ConversationTopic | null;
  status: ConversationStatus;
  assignedToName: string | null;
  /** When the team's answer is due, while the patient's side waits. */
  answerDueAt: Date | null;
  overdue: boolean;
  version: number;
}

export interface ThreadMessage {
  id: string;
  authorName: string;
  authorRole: string;
  /** Written by the patient or a family member, from the portal. */
  fromPatientSide: boolean;
  body: string;
  sharedWithPatient: boolean;
  language: WrittenLanguage;
  /** The same words in English beside a Spanish message, when staff wrote them. */
  bodyEnglish: string | null;
  createdAt: Date;
  attachments: Omit<AttachmentMeta, "messageId">[];
  /** For a message the team shared: who on the patient's side has read it. */
  readBy: string[];
}

export interface PatientMessages extends LanguageNeed {
  patient: PatientHeader;
  threads: (ThreadSummary & { messages: ThreadMessage[]; assignedTo: string | null })[];
  /** Who a conversation can be given to: the staff with the patient in their caseload. */
  assignees: { id: string; name: string; role: string }[];
  canWrite: boolean;
}

/** Messages from others after my last read of the thread. */
export const unreadFor = (userId: string) =>
  sql<number>`(select count(*)::int from ${messages} m
    left join ${messageReads} r on r.thread_id = m.thread_id and r.user_id = ${userId}
    where m.thread_id = ${sql.raw('"message_threads"."id"')} and m.author_id <> ${userId}
      and (r.last_read_at is null or m.created_at > r.last_read_at))`;

/** How many messages a thread holds. */
export const messageCount = sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${sql.raw('"message_threads"."id"')})`;

export const assignee = alias(users, "assignee");

/** The columns of a thread's summary; the query joins `assignee` on `assigned_to`. */
export const summaryColumns = (userId: string) => ({
  id: messageThreads.id,
  subject: messageThreads.subject,
  lastMessageAt: messageThreads.lastMessageAt,
  messageCount,
  unread: unreadFor(userId),
  withPatient: messageThreads.withPatient,
  topic: messageThreads.topic,
  status: messageThreads.status,
  assignedTo: messageThreads.assignedTo,
  assignedToName: assignee.name,
  answerDueAt: messageThreads.answerDueAt,
  overdue: sql<boolean>`coalesce(${lt(messageThreads.answerDueAt, sql`now()`)}, false)`,
  version: messageThreads.version,
});

/** Every thread about one patient with its messages (shared and staff notes), for the care team. */
export async function listPatientMessages(actor: Actor, patientId: string): Promise<PatientMessages> {
  return readPatientRecord(
    actor,
    "read:teamNotes",
    patientId,
    async ({ database, can }) => {
      const [threads, rows, need, assignees] = await Promise.all([
        database
          .select(summaryColumns(actor.userId))
          .from(messageThreads)
          .leftJoin(assignee, eq(assignee.id, messageThreads.assignedTo))
          .where(eq(messageThreads.patientId, patientId))
          .orderBy(desc(messageThreads.lastMessageAt))
          .limit(100),
        database
          .select({
            id: messages.id,
            threadId: messages.threadId,
            authorId: messages.authorId,
            authorName: users.name,
            authorRole: users.role,
            body: messages.body,
            sharedWithPatient: messages.sharedWithPatient,
            language: messages.language,
            bodyEnglish: messages.bodyEnglish,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .innerJoin(users, eq(users.id, messages.authorId))
          .where(eq(messages.patientId, patientId))
          .orderBy(asc(messages.createdAt))
          .limit(2000),
        unsafeReadLanguageNeed(database, patientId),
        assigneesOf(database, patientId),
      ]);
      const [files, marks] = await Promise.all([
        attachmentsOf(
          database,
          rows.map((m) => m.id),
        ),
        readMarksOf(
          database,
          threads.filter((t) => t.withPatient).map((t) => t.id),
        ),
      ]);
      const toMessage = (m: (typeof rows)[number]): ThreadMessage => {
        const fromPatientSide = onPortalSide(m.authorRole);
        return {
          id: m.id,
          authorName: m.authorName,
          authorRole: m.authorRole,
          fromPatientSide,
          body: m.body,
          sharedWithPatient: m.sharedWithPatient,
          language: m.language,
          bodyEnglish: m.bodyEnglish,
          createdAt: m.createdAt,
          attachments: files.filter((f) => f.messageId === m.id).map(({ messageId: _, ...f }) => f),
          readBy:
            m.sharedWithPatient && !fromPatientSide
              ? readersOf(marks, m, true).map((r) => `${r.name} (${r.role})`)
              : [],
        };
      };
      return {
        ...need,
        assignees,
        canWrite: can("write:teamNotes"),
        threads: threads.map((t) => ({
          ...t,
          messages: rows.filter((m) => m.threadId === t.id).map(toMessage),
        })),
      };
    },
    "message.list",
  );
}
