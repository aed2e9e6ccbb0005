import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import { type Database, db, queryRows } from "@/db/client";
import { caseloadAssignments, messageReads, messages, messageThreads, patients, users } from "@/db/schema";
import { type Actor, allowsGlobal, caseloadPatientIds, currentAssignments } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import type { ThreadSummary } from "./reads";

export interface InboxThread extends ThreadSummary {
  patientId: string;
  patientName: string;
  mrn: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

/** One page of the inbox, and how many threads it has in all. */
export interface InboxPage {
  threads: InboxThread[];
  page: number;
  pageSize: number;
  total: number;
}

/** Conversations per page of the inbox. */
export const INBOX_PAGE_SIZE = 25;

export const assignee = alias(users, "assignee");
const thread = sql.raw('"message_threads"."id"');

/** Messages from others after my last read of the thread. */
export const unreadIn = (userId: string) =>
  sql`${messages} m left join ${messageReads} r on r.thread_id = m.thread_id and r.user_id = ${userId}
    where m.thread_id = ${thread} and m.author_id <> ${userId}
      and (r.last_read_at is null or m.created_at > r.last_read_at)`;

/**
 * The overdue first, then those waiting on the team, then those with unread messages, then the
 * rest; newest first within each.
 */
export const rank = (userId: string) => sql`case when ${lt(messageThreads.answerDueAt, sql`now()`)} then 0
  when ${messageThreads.answerDueAt} is not null then 1
  when exists (select 1 from ${unreadIn(userId)}) then 2 else 3 end`;

/** One page of the threads across the actor's caseload, in the inbox's order, with the count of all. */
async function inboxRows(database: Database, actor: Actor, limit: number, offset: number) {
  const rows = await database
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      lastMessageAt: messageThreads.lastMessageAt,
      messageCount: sql<number>`(select count(*)::int from ${messages} m where m.thread_id = ${thread})`,
      unread: sql<number>`(select count(*)::int from ${unreadIn(actor.userId)})`,
      withPatient: messageThreads.withPatient,
      topic: messageThreads.topic,
      status: messageThreads.status,
      assignedToName: assignee.name,
      answerDueAt: messageThreads.answerDueAt,
      overdue: sql<boolean>`coalesce(${lt(messageThreads.answerDueAt, sql`now()`)}, false)`,
      version: messageThreads.version,
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      mrn: patients.mrn,
      preferredLanguage: patients.preferredLanguage,
      interpreterNeeded: patients.interpreterNeeded,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(messageThreads)
    .innerJoin(patients, eq(patients.id, messageThreads.patientId))
    .leftJoin(assignee, eq(assignee.id, messageThreads.assignedTo))
    .where(inArray(messageThreads.patientId, caseloadPatientIds(actor.userId)))
    .orderBy(
      rank(actor.userId),
      sql`${messageThreads.answerDueAt} asc nulls last`,
      desc(messageThreads.lastMessageAt),
      messageThreads.id,
    )
    .limit(limit)
    .offset(offset);
  const threads: InboxThread[] = rows.map(({ givenName, familyName, total: _, ...r }) => ({
    ...r,
    patientName: `${familyName}, ${givenName}`,
  }));
  return { threads, total: rows[0]?.total ?? 0 };
}

/** The first 100 threads across the actor's caseload in the inbox's order. */
export async function listInbox(actor: Actor): Promise<InboxThread[]> {
  return readWorklist(
    actor,
    "read:teamInbox",
    "message.inbox",
    async (database) => (await inboxRows(database, actor, 100, 0)).threads,
    (threads) => threads.map((t) => t.patientId),
  );
}

/**
 * The care team's inbox, a page at a time: conversations whose answer is overdue first, then
 * those waiting on the team, then those with unread messages, then the rest, newest first. Each
 * row carries the patient's preferred language and interpreter need.
 */
export async function listInboxPage(actor: Actor, page: number): Promise<InboxPage> {
  return readWorklist(
    actor,
    "read:teamInbox",
    "message.inbox",
    async (database) => ({
      ...(await inboxRows(database, actor, INBOX_PAGE_SIZE, (page - 1) * INBOX_PAGE_SIZE)),
      page,
      pageSize: INBOX_PAGE_SIZE,
    }),
    (result) => result.threads.map((t) => t.patientId),
    { page },
  );
}

/**
 * How many messages from others a person has not read across their caseload, as a scalar
 * subquery on `userId`: a value, or the outer query's column (the session check asks it for the
 * shell's badge in its own statement, lib/shell/counts.ts).
 */
export function unreadMessagesOf(userId: string | SQLWrapper): SQL<number> {
  const query = new QueryBuilder()
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(
      caseloadAssignments,
      and(eq(caseloadAssignments.patientId, messages.patientId), currentAssignments(userId)),
    )
    .leftJoin(
      messageReads,
      and(eq(messageReads.threadId, messages.threadId), eq(messageReads.userId, userId)),
    )
    .where(
      and(
        ne(messages.authorId, userId),
        or(isNull(messageReads.lastReadAt), gt(messages.createdAt, messageReads.lastReadAt)),
      ),
    );
  return sql<number>`(${query})`;
}

/** How many messages from others the actor has not read, across their caseload: the shell's badge. */
export async function countUnread(actor: Actor): Promise<number> {
  // The shell asks on every page, for every role: no inbox is a count of nothing, not a refusal.
  if (!allowsGlobal(actor.role, "read:teamInbox")) return 0;
  const [row] = await queryRows<{ n: number }>(db(), sql`select ${unreadMessagesOf(actor.userId)} as n`);
  return Number(row?.n ?? 0);
}
