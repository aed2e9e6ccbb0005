import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messageReads, messages } from "@/db/schema";
import { ROLES, usesPortal } from "@/lib/authz";

/** The roles that write from the portal's side of a conversation: the patient and their family. */
export const PORTAL_SIDE_ROLES = ROLES.filter(usesPortal);

/** Is an author or reader of this role on the patient's side of a conversation? */
export const onPortalSide = (role: string) => (PORTAL_SIDE_ROLES as readonly string[]).includes(role);

/** The messages a page showed, first and last: what a person has seen of a thread. */
export interface ShownRange {
  from: string;
  to: string;
}

/**
 * Marks a thread read up to its newest message, or with `shown` up to the last message a page
 * showed. A read mark is a point in time, so a page is marked only when no unread message (of
 * those the reader may see: `sharedOnly` for the portal) lies before its first one: one the
 * person was never shown is never marked read. The time is taken in SQL: a JavaScript Date has
 * milliseconds, PostgreSQL keeps microseconds, and a rounded-down mark would leave a message unread.
 */
export async function markRead(
  executor: Executor,
  userId: string,
  threadId: string,
  shown?: ShownRange,
  sharedOnly = false,
) {
  const visible = (m: string) => (sharedOnly ? sql.raw(` and ${m}.shared_with_patient`) : sql``);
  const upTo = shown
    ? sql`select t.created_at from ${messages} t
        join ${messages} f on f.id = ${shown.from} and f.thread_id = t.thread_id${visible("f")}
          and (f.created_at, f.id) <= (t.created_at, t.id)
        left join ${messageReads} r on r.user_id = ${userId} and r.thread_id = t.thread_id
       where t.id = ${shown.to} and t.thread_id = ${threadId}${visible("t")}
         and not exists (select 1 from ${messages} e
                          where e.thread_id = t.thread_id${visible("e")} and e.author_id <> ${userId}
                            and (e.created_at, e.id) < (f.created_at, f.id)
                            and (r.last_read_at is null or e.created_at > r.last_read_at))`
    : sql`select max(m.created_at) from ${messages} m where m.thread_id = ${threadId} having count(*) > 0`;
  await executor.execute(sql`insert into ${messageReads} (user_id, thread_id, last_read_at)
    select ${userId}::uuid, ${threadId}::uuid, up_to.created_at from (${upTo}) up_to(created_at)
    on conflict (user_id, thread_id) do update
      set last_read_at = greatest(${messageReads}.last_read_at, excluded.last_read_at)`);
}
