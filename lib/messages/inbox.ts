import "server-only";
import { and, count, desc, eq, gt, inArray, isNull, ne, or } from "drizzle-orm";
import { db } from "@/db/client";
import { caseloadAssignments, messageReads, messages, messageThreads, patients } from "@/db/schema";
import { type Actor, allowsGlobal, caseloadPatientIds, currentAssignments } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { messageCount, type ThreadSummary, unreadFor } from "./reads";

export interface InboxThread extends ThreadSummary {
  patientId: string;
  patientName: string;
  mrn: string;
}

/** Threads across the actor's caseload, those with unread messages first. */
export async function listInbox(actor: Actor): Promise<InboxThread[]> {
  return readWorklist(
    actor,
    "read:teamInbox",
    "message.inbox",
    async (database) => {
      const rows = await database
        .select({
          id: messageThreads.id,
          subject: messageThreads.subject,
          lastMessageAt: messageThreads.lastMessageAt,
          messageCount,
          unread: unreadFor(actor.userId),
          patientId: patients.id,
          givenName: patients.givenName,
          familyName: patients.familyName,
          mrn: patients.mrn,
        })
        .from(messageThreads)
        .innerJoin(patients, eq(patients.id, messageThreads.patientId))
        .where(inArray(messageThreads.patientId, caseloadPatientIds(actor.userId)))
        .orderBy(desc(messageThreads.lastMessageAt))
        .limit(100);
      return rows
        .map((r) => ({ ...r, patientName: `${r.familyName}, ${r.givenName}` }))
        .sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0));
    },
    (threads) => threads.map((thread) => thread.patientId),
  );
}

/** How many messages from others the actor has not read, across their caseload: the shell's badge. */
export async function countUnread(actor: Actor): Promise<number> {
  // The shell asks on every page, for every role: no inbox is a count of nothing, not a refusal.
  if (!allowsGlobal(actor.role, "read:teamInbox")) return 0;
  const [row] = await db()
    .select({ n: count() })
    .from(messages)
    .innerJoin(
      caseloadAssignments,
      and(eq(caseloadAssignments.patientId, messages.patientId), currentAssignments(actor.userId)),
    )
    .leftJoin(
      messageReads,
      and(eq(messageReads.threadId, messages.threadId), eq(messageReads.userId, actor.userId)),
    )
    .where(
      and(
        ne(messages.authorId, actor.userId),
        or(isNull(messageReads.lastReadAt), gt(messages.createdAt, messageReads.lastReadAt)),
      ),
    );
  return row?.n ?? 0;
}
