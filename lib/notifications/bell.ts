import "server-only";
import { and, desc, eq, isNull, lte, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { db, queryRows } from "@/db/client";
import { type NotificationKind, notifications } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, recordRefusal, usesPortal } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { listOf, oneOf, readTogether } from "@/lib/records/read-together";

/** How many notifications a page of the list shows. */
export const NOTIFICATION_PAGE_SIZE = 25;

/** Whose list is asked for: the portal's (/me/notifications) or the staff one (/notifications). */
export type BellSide = "portal" | "staff";

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** Where it leads: a path in this application. */
  link: string;
  /** When it was due: a reminder's moment, else when it was written. */
  at: Date;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationItem[];
  /** All of the person's notifications that are due, and how many of them are unread. */
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

const due = sql`coalesce(${notifications.notBefore}, ${notifications.createdAt})`;

/**
 * The bell's notifications of one person: in the portal, sent (portal rows are written sent) and
 * due (a reminder shows from its moment on). The unread ones are what `notifications_unread_idx` holds.
 */
const mine = (actor: Actor, ...more: SQL[]): SQL => mineOf(actor.userId, ...more);
const mineOf = (userId: string | SQLWrapper, ...more: SQL[]): SQL =>
  and(
    eq(notifications.recipientUserId, userId),
    eq(notifications.channel, "portal"),
    eq(notifications.status, "sent"),
    lte(due, sql`now()`),
    ...more,
  )!;

/**
 * The bell's count of a person as a scalar subquery on `userId`: a value, or the outer query's
 * column (the session check asks it for the shell in its own statement, lib/shell/counts.ts).
 */
export function unreadNotificationsOf(userId: string | SQLWrapper): SQL<number> {
  const query = new QueryBuilder()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(mineOf(userId, isNull(notifications.readAt)));
  return sql<number>`(${query})`;
}

/**
 * Everyone signed in has a bell; a side names the page asking, so the staff list is a 404 to the
 * portal's people and the portal's list a 404 to staff, audited like any other refusal.
 */
async function authorizeBell(actor: Actor, side?: BellSide): Promise<void> {
  await authorizeGlobal(actor, "read:ownNotifications");
  if (side && usesPortal(actor.role) !== (side === "portal")) {
    await recordRefusal(actor, "read:ownNotifications", null, db());
    throw new NotFoundError();
  }
}

/** The bell's count, on every signed-in page: one cheap statement, not audited (it shows no content). */
export async function unreadCount(actor: Actor): Promise<number> {
  await authorizeBell(actor);
  const [row] = await queryRows<{ n: number }>(db(), sql`select ${unreadNotificationsOf(actor.userId)} as n`);
  return Number(row?.n ?? 0);
}

/** The person's notifications, newest first, a page at a time; one `notification.list` event. */
export async function listNotifications(
  actor: Actor,
  query: { page?: number; side?: BellSide } = {},
): Promise<NotificationPage> {
  await authorizeBell(actor, query.side);
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const database = db();
  // The page and the counts in one statement (issue 19).
  const { rows, counts } = await readTogether(database, {
    rows: listOf(
      {
        id: notifications.id,
        kind: notifications.kind,
        link: notifications.link,
        at: sql<Date>`${due}`.mapWith(notifications.createdAt),
        readAt: notifications.readAt,
      },
      (q) =>
        q
          .from(notifications)
          .where(mine(actor))
          .orderBy(desc(due), desc(notifications.id))
          .limit(NOTIFICATION_PAGE_SIZE)
          .offset((page - 1) * NOTIFICATION_PAGE_SIZE),
    ),
    counts: oneOf(
      {
        total: sql<number>`count(*)::int`,
        unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int`,
      },
      (q) => q.from(notifications).where(mine(actor)),
    ),
  });
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    link: r.link,
    at: r.at,
    read: r.readAt !== null,
  }));
  await recordAudit(database, actor, {
    action: "notification.list",
    details: { page, shown: items.length, unread: Number(counts?.unread ?? 0) },
  });
  return {
    items,
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
    page,
    pageSize: NOTIFICATION_PAGE_SIZE,
  };
}

/**
 * Marks one of the person's own notifications read (already read stays as it was) and returns where
 * it leads. Another's, or one not there or not yet due, is the 404, audited as a refusal.
 */
export async function markRead(actor: Actor, id: string, side?: BellSide): Promise<string> {
  await authorizeBell(actor, side);
  const database = db();
  const [row] = await database
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(mine(actor, eq(notifications.id, id)))
    .returning({ link: notifications.link });
  if (!row) {
    await recordRefusal(actor, "read:ownNotifications", null, database);
    throw new NotFoundError();
  }
  await recordAudit(database, actor, {
    action: "notification.read",
    entityType: "notification",
    entityId: id,
  });
  return localPath(row.link);
}

/** Marks every due, unread notification of the person read; returns how many it marked. */
export async function markAllRead(actor: Actor, side?: BellSide): Promise<number> {
  await authorizeBell(actor, side);
  const database = db();
  const marked = await database
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(mine(actor, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  await recordAudit(database, actor, { action: "notification.read-all", details: { marked: marked.length } });
  return marked.length;
}

/** The link is a path by the table's check; said again here because the caller redirects to it. */
function localPath(link: string): string {
  return /^\/[^/\\]/.test(link) ? link : "/";
}
