import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import {
  type ConversationStatus,
  type ConversationTopic,
  messageThreads,
  patients,
  users,
  type WrittenLanguage,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed, writtenLanguageFor } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";
import type { AttachmentMeta } from "./attachments";
import { assigneesQuery } from "./manage";
import {
  attachmentsJson,
  MESSAGES_PER_PAGE,
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

/** A thread as the care team's page shows it: its summary and some of its messages. */
export interface ThreadPage extends ThreadSummary, PageOfThread {
  assignedTo: string | null;
  /** The thread the address opens: a page of its messages, and the forms to answer and manage it. */
  opened: boolean;
  messages: ThreadMessage[];
}

export interface PatientMessages extends LanguageNeed {
  patient: PatientHeader;
  threads: ThreadPage[];
  /** Who a conversation can be given to: the staff with the patient in their caseload. */
  assignees: { id: string; name: string; role: string }[];
  canWrite: boolean;
}

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};
type ThreadRow = Json<Omit<ThreadSummary, "messageCount" | "unread">> & {
  assignedTo: string | null;
  opened: boolean;
} & PageColumns<Json<ThreadMessage>>;

/** A message as the care team reads it, with who on the patient's side has read a shared one. */
const staffMessage = sql`json_build_object('id', p.id, 'authorName', u.name, 'authorRole', u.role,
  'fromPatientSide', u.role in (${portalRoles}), 'body', p.body, 'sharedWithPatient', p.shared_with_patient,
  'language', p.language, 'bodyEnglish', p.body_english, 'createdAt', p.created_at, 'attachments', ${attachmentsJson},
  'readBy', case when p.shared_with_patient and u.role not in (${portalRoles}) then
    (select coalesce(json_agg(mr.name || ' (' || mr.role || ')' order by mr.name), '[]') from ${marksOf(true)})
    else '[]'::json end)`;

/** How many of its newest messages a closed thread shows, while no thread is open. */
export const THREAD_GLIMPSE = 5;

/**
 * Every thread about one patient (the newest 100) with its newest messages (shared and staff
 * notes), or, when the address opens one (`thread`, or the one holding `before`), that thread
 * with a page of them (the newest, or those before `before`) and the others by their summaries.
 * One statement.
 */
export async function listPatientMessages(
  actor: Actor,
  patientId: string,
  query: { before?: string; thread?: string } = {},
): Promise<PatientMessages> {
  const perPage = sql`case when t.id in (select id from open_thread) then ${MESSAGES_PER_PAGE}::int
    when exists (select 1 from open_thread) then 0 else ${THREAD_GLIMPSE}::int end`;
  return readPatientRecord(
    actor,
    "read:teamNotes",
    patientId,
    async ({ database, can }) => {
      const [row] = await queryRows<{
        preferredLanguage: string | null;
        interpreterNeeded: boolean | null;
        assignees: PatientMessages["assignees"];
        threads: ThreadRow[];
      }>(
        database,
        sql`with ${pageCtes(query.before, false, sql`select id from ${messageThreads} where patient_id = ${patientId}`)},
          open_thread as (select o.id from ${messageThreads} o where o.patient_id = ${patientId}
            and o.id = coalesce((select c.thread_id from page_cursor c), ${query.thread ?? null}::uuid))
          select pt.preferred_language as "preferredLanguage", pt.interpreter_needed as "interpreterNeeded",
            (select coalesce(json_agg(s order by s.name), '[]') from (${assigneesQuery(sql`pt.id`)}) s) as assignees,
            (select coalesce(json_agg(th order by th."lastMessageAt" desc), '[]') from (
              select t.id, t.subject, t.last_message_at as "lastMessageAt", t.with_patient as "withPatient", t.topic,
                t.status, t.assigned_to as "assignedTo", a.name as "assignedToName", t.answer_due_at as "answerDueAt",
                coalesce(t.answer_due_at < now(), false) as overdue, t.version,
                t.id in (select id from open_thread) as opened, ${pageColumns}
                from ${messageThreads} t left join ${users} a on a.id = t.assigned_to
                ${pageJoins({ thread: sql`t.id`, reader: actor.userId, sharedOnly: false, message: staffMessage, perPage })}
               where t.patient_id = pt.id order by t.last_message_at desc limit 100) th) as threads
            from ${patients} pt where pt.id = ${patientId}`,
      );
      const preferredLanguage = row?.preferredLanguage ?? "en";
      return {
        preferredLanguage,
        interpreterNeeded: row?.interpreterNeeded ?? false,
        defaultLanguage: writtenLanguageFor(preferredLanguage),
        assignees: row?.assignees ?? [],
        canWrite: can("write:teamNotes"),
        threads: (row?.threads ?? []).map(
          ({ messages, total, unread, earlier, unread_earlier, unread_shown, paged, ...t }) => ({
            ...t,
            ...pageOf({ messages, total, unread, earlier, unread_earlier, unread_shown, paged }),
            lastMessageAt: toDate(t.lastMessageAt),
            answerDueAt: t.answerDueAt ? toDate(t.answerDueAt) : null,
            messageCount: total,
            unread,
            messages: messages.map((m) => ({ ...m, createdAt: toDate(m.createdAt) })),
          }),
        ),
      };
    },
    (result) => {
      const open = result.threads.find((t) => t.opened);
      // The thread the address opened, and the page of it shown; the usual view is every thread's newest.
      return open
        ? {
            action: "message.list",
            details: { thread: open.id, before: query.before ?? null, shown: open.messages.length },
          }
        : { action: "message.list" };
    },
  );
}
