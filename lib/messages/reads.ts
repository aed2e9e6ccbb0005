import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { messageReads, messages, messageThreads, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import type { PatientHeader } from "@/lib/patients/header";
import { readPatientRecord } from "@/lib/records/patient-read";

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
export const unreadFor = (userId: string) =>
  sql<number>`(select count(*)::int from ${messages} m
    left join ${messageReads} r on r.thread_id = m.thread_id and r.user_id = ${userId}
    where m.thread_id = ${sql.raw('"message_threads"."id"')} and m.author_id <> ${userId}
      and (r.last_read_at is null or m.created_at > r.last_read_at))`;

/** How many messages a thread holds. */
export const messageCount = sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${sql.raw('"message_threads"."id"')})`;

/** Every thread about one patient with its messages, for the staff on the care team. */
export async function listPatientMessages(actor: Actor, patientId: string): Promise<PatientMessages> {
  return readPatientRecord(
    actor,
    "read:teamNotes",
    patientId,
    async ({ database }) => {
      const [threads, rows] = await Promise.all([
        database
          .select({
            id: messageThreads.id,
            subject: messageThreads.subject,
            lastMessageAt: messageThreads.lastMessageAt,
            messageCount,
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
      return {
        threads: threads.map((t) => ({ ...t, messages: rows.filter((m) => m.threadId === t.id) })),
      };
    },
    "message.list",
  );
}
