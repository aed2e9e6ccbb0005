import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messageReads, messages, users } from "@/db/schema";
import { ROLES, usesPortal } from "@/lib/authz";

/** The roles that write from the portal's side of a conversation: the patient and their family. */
export const PORTAL_SIDE_ROLES = ROLES.filter(usesPortal);

/** Is an author or reader of this role on the patient's side of a conversation? */
export const onPortalSide = (role: string) => (PORTAL_SIDE_ROLES as readonly string[]).includes(role);

/**
 * Marks a thread read up to its newest message. The time is taken in SQL: a JavaScript Date has
 * milliseconds, PostgreSQL keeps microseconds, and a rounded-down mark would leave the newest
 * message unread.
 */
export async function markRead(executor: Executor, userId: string, threadId: string) {
  const newest = sql`(select max(m.created_at) from ${messages} m where m.thread_id = ${threadId})`;
  await executor
    .insert(messageReads)
    .values({ userId, threadId, lastReadAt: newest })
    .onConflictDoUpdate({
      target: [messageReads.userId, messageReads.threadId],
      set: { lastReadAt: sql`greatest(${messageReads.lastReadAt}, excluded.last_read_at)` },
    });
}

/** Who has read each thread how far: the read receipts of both sides. */
export interface ReadMark {
  threadId: string;
  userId: string;
  name: string;
  role: string;
  lastReadAt: Date;
}

export async function readMarksOf(executor: Executor, threadIds: string[]): Promise<ReadMark[]> {
  if (threadIds.length === 0) return [];
  return executor
    .select({
      threadId: messageReads.threadId,
      userId: messageReads.userId,
      name: users.name,
      role: users.role,
      lastReadAt: messageReads.lastReadAt,
    })
    .from(messageReads)
    .innerJoin(users, eq(users.id, messageReads.userId))
    .where(inArray(messageReads.threadId, threadIds));
}

/** The people of the other side who have read a message: those whose mark reaches its time. */
export function readersOf(
  marks: ReadMark[],
  message: { threadId: string; createdAt: Date; authorId: string },
  portalSide: boolean,
): ReadMark[] {
  return marks.filter(
    (r) =>
      r.threadId === message.threadId &&
      r.userId !== message.authorId &&
      onPortalSide(r.role) === portalSide &&
      r.lastReadAt.getTime() >= message.createdAt.getTime(),
  );
}
