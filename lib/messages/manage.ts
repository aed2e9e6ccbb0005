import "server-only";
import { and, eq, inArray, isNull, type SQLWrapper, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { type Executor, queryRows } from "@/db/client";
import { caseloadAssignments, messageThreads, users } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";

const THREAD = versionedRecord({
  table: messageThreads,
  entityType: "message_thread",
  patientId: messageThreads.patientId,
});

type Thread = Row<typeof messageThreads>;

function conversationOnly(row: Thread) {
  if (!row.withPatient)
    throw new DomainError("This is a thread among the care team, not a conversation with the patient.");
}

/** The staff who may be given a patient's conversations: those with the patient in their current caseload. */
export function assigneesQuery(patientId: string | SQLWrapper) {
  return new QueryBuilder()
    .selectDistinct({ id: users.id, name: users.name, role: users.role })
    .from(caseloadAssignments)
    .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
    .where(
      and(
        eq(caseloadAssignments.patientId, patientId),
        isNull(caseloadAssignments.endedAt),
        eq(users.active, true),
        inArray(users.role, ["coordinator", "advocate"]),
      ),
    )
    .orderBy(users.name);
}

export function assigneesOf(executor: Executor, patientId: string) {
  return queryRows<{ id: string; name: string; role: string }>(executor, sql`${assigneesQuery(patientId)}`);
}

/** Gives a conversation to a staff member on the patient's care team. */
export function assignConversation(
  actor: Actor,
  threadId: string,
  input: { assignee: string; version: number },
): Promise<number> {
  return changeVersioned(actor, THREAD, {
    id: threadId,
    version: input.version,
    permission: "write:teamNotes",
    audit: { action: "conversation.assign", details: { assignedTo: input.assignee } },
    change: async (tx, row) => {
      conversationOnly(row);
      const team = await assigneesOf(tx, row.patientId);
      if (!team.some((s) => s.id === input.assignee))
        throw new DomainError("Choose someone on the patient's care team.", {
          assignee: ["Choose someone on the patient's care team."],
        });
      return { set: { assignedTo: input.assignee } };
    },
  });
}

/** Closes a conversation: nothing is waiting on the team any more. The patient's next message reopens it. */
export function closeConversation(actor: Actor, threadId: string, input: { version: number }) {
  return changeVersioned(actor, THREAD, {
    id: threadId,
    version: input.version,
    permission: "write:teamNotes",
    audit: { action: "conversation.close" },
    change: async (_tx, row) => {
      conversationOnly(row);
      if (row.status === "closed") throw new DomainError("This conversation is already closed.");
      return {
        set: { status: "closed" as const, closedAt: sql`now()`, closedBy: actor.userId, answerDueAt: null },
      };
    },
  });
}

/** Reopens a closed conversation. */
export function reopenConversation(actor: Actor, threadId: string, input: { version: number }) {
  return changeVersioned(actor, THREAD, {
    id: threadId,
    version: input.version,
    permission: "write:teamNotes",
    audit: { action: "conversation.reopen" },
    change: async (_tx, row) => {
      conversationOnly(row);
      if (row.status === "open") throw new DomainError("This conversation is already open.");
      return { set: { status: "open" as const, closedAt: null, closedBy: null } };
    },
  });
}
