import "server-only";
import { and, desc, eq, gt, inArray, isNull, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { db, queryRows } from "@/db/client";
import { caseloadAssignments, messageReads, messages, messageThreads, patients } from "@/db/schema";
import { type Actor, allowsGlobal, caseloadPatientIds, currentAssignments } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { assignee, summaryColumns, type ThreadSummary } from "./reads";

export interface InboxThread extends ThreadSummary {
  patientId: string;
  patientName: string;
  mrn: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

/**
 * Threads across the actor's caseload: conversations whose answer is overdue first, then those
 * waiting on the team, then those with unread messages, then the rest, newest first. Each row
 * carries the patient's preferred language and interpreter need.
 */
export async function listInbox(actor: Actor): Promise<InboxThread[]> {
  return readWorklist(
    actor,
    "read:teamInbox",
    "message.inbox",
    async (database) => {
      const rows = await database
        .select({
          ...summaryColumns(actor.userId),
          patientId: patients.id,
          givenName: patients.givenName,
          familyName: patients.familyName,
          mrn: patients.mrn,
          preferredLanguage: patients.preferredLanguage,
          interpreterNeeded: patients.interpreterNeeded,
        })
        .from(messageThreads)
        .innerJoin(patients, eq(patients.id, messageThreads.patientId))
        .leftJoin(assignee, eq(assignee.id, messageThreads.assignedTo))
        .where(inArray(messageThreads.patientId, caseloadPatientIds(actor.userId)))
        .orderBy(sql`${messageThreads.answerDueAt} asc nulls last`, desc(messageThreads.lastMessageAt))
        .limit(100);
      const rank = (t: { overdue: boolean; answerDueAt: Date | null; unread: number }) =>
        t.overdue ? 0 : t.answerDueAt ? 1 : t.unread > 0 ? 2 : 3;
      return rows
        .map((r) => ({ ...r, patientName: `${r.familyName}, ${r.givenName}` }))
        .sort((a, b) => rank(a) - rank(b));
    },
    (threads) => threads.map((thread) => thread.patientId),
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
