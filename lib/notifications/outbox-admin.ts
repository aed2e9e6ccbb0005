import "server-only";
import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import {
  NOTIFICATION_STATUSES,
  type NotificationKind,
  type NotificationStatus,
  notifications,
  type Role,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { env } from "@/lib/env";
import { DomainError, NotFoundError } from "@/lib/errors";
import { type EmailMode, notificationModes, type SmsMode } from "./modes";
import { queueDelivery } from "./queue";

export type { NotificationKind, NotificationStatus };
export const OUTBOX_PAGE_SIZE = 50;
/** The statuses a row can have, for the page's filter. */
export const OUTBOX_STATUSES = NOTIFICATION_STATUSES;
/** The outbox an admin reads is what leaves the system: the bell's portal rows are not in it. */
export const OUTBOX_CHANNELS = ["email", "sms"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** The page's query string: unknown values fall back to "all", as any other filter does. */
export const OutboxQuerySchema = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional().catch(undefined),
  channel: z.enum(OUTBOX_CHANNELS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type OutboxQuery = z.input<typeof OutboxQuerySchema>;
/** The filters alone, carried through a retry so the admin lands back on the list they had. */
export const OutboxFiltersSchema = OutboxQuerySchema.pick({ status: true, channel: true });

export interface OutboxRow {
  id: string;
  kind: NotificationKind;
  channel: OutboxChannel;
  recipientName: string;
  recipientRole: Role;
  language: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  sentTo: string | null;
  deliveredVia: "smtp" | "sms-api" | "demo" | null;
  createdAt: Date;
  notBefore: Date | null;
  sentAt: Date | null;
}

export interface Outbox {
  rows: OutboxRow[];
  /** How many of each status, under the channel filter (the status filter's choices). */
  counts: Record<NotificationStatus, number>;
  total: number;
  page: number;
  pageSize: number;
  status?: NotificationStatus;
  channel?: OutboxChannel;
  /** How email and text messages leave this process, as the channels decide (lib/notifications/modes.ts). */
  emailMode: EmailMode;
  smsMode: SmsMode;
}

/** Emails and text messages for the admin, newest first and paged, with the counts by status; audited. */
export async function listOutbox(actor: Actor, input: OutboxQuery): Promise<Outbox> {
  await authorizeGlobal(actor, "read:outbox");
  const query = OutboxQuerySchema.parse(input);
  const channels: SQL = query.channel
    ? eq(notifications.channel, query.channel)
    : inArray(notifications.channel, [...OUTBOX_CHANNELS]);
  const where = query.status ? and(channels, eq(notifications.status, query.status)) : channels;
  const [rows, byStatus] = await Promise.all([
    db()
      .select({
        id: notifications.id,
        kind: notifications.kind,
        channel: notifications.channel,
        recipientName: users.name,
        recipientRole: users.role,
        language: notifications.language,
        status: notifications.status,
        attempts: notifications.attempts,
        lastError: notifications.lastError,
        sentTo: notifications.sentTo,
        deliveredVia: notifications.deliveredVia,
        createdAt: notifications.createdAt,
        notBefore: notifications.notBefore,
        sentAt: notifications.sentAt,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientUserId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((query.page - 1) * OUTBOX_PAGE_SIZE),
    db()
      .select({ status: notifications.status, n: count() })
      .from(notifications)
      .where(channels)
      .groupBy(notifications.status),
  ]);
  const counts = Object.fromEntries(NOTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
    NotificationStatus,
    number
  >;
  for (const c of byStatus) counts[c.status] = c.n;
  const total = query.status ? counts[query.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  await recordAudit(db(), actor, {
    action: "notification.outbox",
    details: {
      status: query.status ?? "all",
      channel: query.channel ?? "email and sms",
      page: query.page,
      shown: rows.length,
    },
  });
  const modes = notificationModes(env());
  return {
    rows: rows as OutboxRow[],
    counts,
    total,
    page: query.page,
    pageSize: OUTBOX_PAGE_SIZE,
    status: query.status,
    channel: query.channel,
    emailMode: modes.email,
    smsMode: modes.sms,
  };
}

/**
 * Sends a dead letter again: only a notification that failed after its last try. In one
 * transaction it becomes pending with its tries and error cleared, and a new delivery is queued,
 * so the retry is kept with its job or not at all; audited with the notification's id.
 */
export async function retryNotification(actor: Actor, id: string): Promise<void> {
  await authorizeGlobal(actor, "retry:notification");
  await db().transaction(async (tx) => {
    const [n] = await tx
      .select({ status: notifications.status, channel: notifications.channel, kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.id, id))
      .for("update");
    if (!n || n.channel === "portal") throw new NotFoundError();
    if (n.status !== "failed")
      throw new DomainError(
        `Only a notification that failed after its last try can be sent again; this one is ${n.status}.`,
      );
    await tx
      .update(notifications)
      .set({ status: "pending", attempts: 0, lastError: null })
      .where(and(eq(notifications.id, id), eq(notifications.status, "failed")));
    await queueDelivery(tx, id, null);
    await recordAudit(tx, actor, {
      action: "notification.retry",
      entityType: "notification",
      entityId: id,
      details: { channel: n.channel, kind: n.kind },
    });
  });
}
