import "server-only";
import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import { messageThreads, patients } from "@/db/schema";
import { type Actor, caseloadPatientIds } from "@/lib/authz";
import { type Panel, worklistPanel } from "@/lib/records/read-panels";
import { groupParts, listOf, mapPart, oneOf } from "@/lib/records/read-together";
import { assignee, rank, unreadIn } from "./inbox";

/** A conversation as the dashboard lists it. */
export interface GlanceThread {
  id: string;
  patientId: string;
  patientName: string;
  subject: string;
  answerDueAt: Date | null;
  assignedToName: string | null;
  /** Messages from others since the reader last read the thread. */
  unread: number;
}

/** The inbox at a glance: the longest overdue for an answer, how many are, and those unread. */
export interface InboxGlance {
  overdue: GlanceThread[];
  overdueTotal: number;
  unread: GlanceThread[];
}

/** How many conversations of each list the dashboard shows. */
export const INBOX_GLANCE_SHOWN = 5;

const overdueNow = lt(messageThreads.answerDueAt, sql`now()`);

function threads(actor: Actor, where: SQL, order: SQL[]) {
  const rows = listOf(
    {
      id: messageThreads.id,
      patientId: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      subject: messageThreads.subject,
      answerDueAt: messageThreads.answerDueAt,
      assignedToName: assignee.name,
      unread: sql<number>`(select count(*)::int from ${unreadIn(actor.userId)})`.mapWith(Number),
    },
    (q) =>
      q
        .from(messageThreads)
        .innerJoin(patients, eq(patients.id, messageThreads.patientId))
        .leftJoin(assignee, eq(assignee.id, messageThreads.assignedTo))
        .where(and(inArray(messageThreads.patientId, caseloadPatientIds(actor.userId)), where))
        .orderBy(...order)
        .limit(INBOX_GLANCE_SHOWN),
  );
  return mapPart(rows, (list) =>
    list.map(({ givenName, familyName, ...t }) => ({ ...t, patientName: `${familyName}, ${givenName}` })),
  );
}

/**
 * The dashboard's two conversation panels across the caseload, as a panel of its one statement:
 * the conversations overdue for an answer (longest overdue first) and how many are, and those
 * with messages the reader has not read, in the inbox's order. Audited as the inbox is
 * ("message.inbox"), naming the patients shown.
 */
export function inboxGlancePanel(actor: Actor): Panel<InboxGlance> {
  const part = groupParts({
    overdue: threads(actor, overdueNow, [
      asc(messageThreads.answerDueAt),
      desc(messageThreads.lastMessageAt),
      asc(messageThreads.id),
    ]),
    overdueTotal: oneOf({ n: count() }, (q) =>
      q
        .from(messageThreads)
        .where(and(inArray(messageThreads.patientId, caseloadPatientIds(actor.userId)), overdueNow)),
    ),
    unread: threads(actor, sql`exists (select 1 from ${unreadIn(actor.userId)})`, [
      rank(actor.userId),
      sql`${messageThreads.answerDueAt} asc nulls last`,
      desc(messageThreads.lastMessageAt),
      asc(messageThreads.id),
    ]),
  });
  return worklistPanel(
    "read:teamInbox",
    "message.inbox",
    mapPart(part, ({ overdueTotal, ...lists }) => ({ ...lists, overdueTotal: overdueTotal?.n ?? 0 })),
    (glance) => [...glance.overdue, ...glance.unread].map((t) => t.patientId),
  );
}
