import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { messageAttachments, messageReads, messages, users } from "@/db/schema";
import { PORTAL_SIDE_ROLES } from "./read-marks";

/**
 * How many messages a conversation shows at once: its newest, with a link to the ones before. A
 * 200-message thread sent whole made a page of 260 kB (issue 19).
 */
export const MESSAGES_PER_PAGE = 20;

/** Which part of a thread is on the page, and what the reader has not read around it. */
export interface PageOfThread {
  /** Showing messages before the newest (`?before=`), with a way back to them. */
  paged: boolean;
  /** How many messages the reader may see come before the page ("Show earlier messages"). */
  earlier: number;
  /** The first message shown: the `before` of the link to the earlier ones. */
  earlierCursor: string | null;
  /** Unread messages before the page: marking the page read would mark these read unseen. */
  unreadEarlier: number;
  /** The first and last message shown, to mark read when the page is seen; null when nothing on it is new. */
  markRead: { from: string; to: string } | null;
}

/** The page's columns as the statement returns them, with its messages as JSON rows. */
export interface PageColumns<M> {
  messages: M[];
  unread: number;
  total: number;
  earlier: number;
  unread_earlier: number;
  unread_shown: number;
  paged: boolean;
}

/** How a thread's page is read: for whom, and `sharedOnly` for the portal, where staff notes never count. */
interface PageOptions {
  /** The outer query's thread id column. */
  thread: SQL;
  reader: string;
  sharedOnly: boolean;
  /** One message's JSON, from the page's row `p` and its author `u`. */
  message: SQL;
  /** How many messages make the page: a number, or a SQL expression per thread. */
  perPage?: number | SQL;
}

/** The roles of the patient's side, as a SQL list. */
export const portalRoles = sql.join(
  PORTAL_SIDE_ROLES.map((role) => sql`${role}`),
  sql`, `,
);

/** A message's files, as the links show them. */
export const attachmentsJson = sql`(select coalesce(json_agg(json_build_object('id', att.id, 'fileName', att.file_name,
    'contentType', att.content_type, 'sizeBytes', att.size_bytes) order by att.created_at, att.id), '[]')
    from ${messageAttachments} att where att.message_id = p.id)`;

/**
 * The common table expressions the page's statement begins with. `page_cursor`: the message
 * `before` names, when the reader may see it (a cursor in another thread leaves that thread at its
 * newest messages). `page_marks`: who has read the `threads` how far, with their name and role,
 * read once for the receipts of every message shown (message_reads is keyed by user first).
 */
export function pageCtes(before: string | null | undefined, sharedOnly: boolean, threads: SQL): SQL {
  return sql`page_cursor as (select c.id, c.thread_id, c.created_at from ${messages} c
      where c.id = ${before ?? null}::uuid${sharedOnly ? sql` and c.shared_with_patient` : sql``}),
    page_marks as materialized (select mr.thread_id, mr.user_id, mr.last_read_at, rr.name, rr.role
      from ${messageReads} mr join ${users} rr on rr.id = mr.user_id where mr.thread_id in (${threads}))`;
}

/** The read marks of the message `p` by others than its author, on the patient's side or the team's. */
export const marksOf = (portalSide: boolean) =>
  sql`page_marks mr where mr.thread_id = p.thread_id and mr.user_id <> p.author_id
    and mr.role ${portalSide ? sql`in` : sql`not in`} (${portalRoles}) and mr.last_read_at >= p.created_at`;

/**
 * The joins that give each thread of the outer query its page (the newest messages, or those
 * before the cursor, in order) as `pg.messages`, and its counts as `pc.*`. Needs `page_cursor`.
 */
export function pageJoins(o: PageOptions): SQL {
  const visible = (m: string) => (o.sharedOnly ? sql.raw(` and ${m}.shared_with_patient`) : sql``);
  const unread = (m: string) =>
    sql`${sql.raw(m)}.author_id <> ${o.reader} and (mine.last_read_at is null or ${sql.raw(m)}.created_at > mine.last_read_at)`;
  return sql`left join ${messageReads} mine on mine.thread_id = ${o.thread} and mine.user_id = ${o.reader}
    cross join lateral (
      select coalesce(json_agg(${o.message} order by p.created_at, p.id), '[]') as messages,
             (array_agg(p.created_at order by p.created_at, p.id))[1] as first_at,
             (array_agg(p.id order by p.created_at, p.id))[1] as first_id,
             count(*) filter (where ${unread("p")})::int as unread_shown,
             exists (select 1 from page_cursor c where c.thread_id = ${o.thread}) as paged
        from (select m.* from ${messages} m
               where m.thread_id = ${o.thread}${visible("m")}
                 and not exists (select 1 from page_cursor c
                                  where c.thread_id = m.thread_id and (m.created_at, m.id) >= (c.created_at, c.id))
               order by m.created_at desc, m.id desc
               limit ${o.perPage ?? MESSAGES_PER_PAGE}) p
        join ${users} u on u.id = p.author_id
    ) pg
    cross join lateral (
      select count(*)::int as total,
             count(*) filter (where ${unread("x")})::int as unread,
             count(*) filter (where (x.created_at, x.id) < (pg.first_at, pg.first_id))::int as earlier,
             count(*) filter (where ${unread("x")} and (x.created_at, x.id) < (pg.first_at, pg.first_id))::int as unread_earlier
        from ${messages} x where x.thread_id = ${o.thread}${visible("x")}
    ) pc`;
}

/** The select list `pageJoins` gives. */
export const pageColumns = sql`pg.messages, pc.total, pc.unread, pc.earlier, pc.unread_earlier, pg.unread_shown, pg.paged`;

/**
 * Where the page stands: the link to earlier messages, and the range to mark read when it is seen.
 * Nothing is marked while an unread message lies before the page: it has not been shown.
 */
export function pageOf(row: PageColumns<{ id: string }>): PageOfThread {
  const first = row.messages[0]?.id ?? null;
  const last = row.messages.at(-1)?.id ?? null;
  return {
    paged: row.paged,
    earlier: row.earlier,
    earlierCursor: row.earlier > 0 ? first : null,
    unreadEarlier: row.unread_earlier,
    markRead:
      first && last && row.unread_shown > 0 && row.unread_earlier === 0 ? { from: first, to: last } : null,
  };
}

/** A timestamp inside JSON arrives as text. */
export const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
