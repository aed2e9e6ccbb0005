import "server-only";
import type { SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import { unreadMessagesOf } from "@/lib/messages/inbox";
import { unreadNotificationsOf } from "@/lib/notifications/bell";

/**
 * The shell's badges as scalar subqueries on the signed-in person (`users.id` of the session
 * check's own statement), so the session, the unread messages and the unread notifications are
 * one round trip a request (issue 19). Shown only as lib/shell/counts.ts allows.
 */
export function shellCountSql(): Record<ShellCount, SQL<number>> {
  return { messages: unreadMessagesOf(users.id), notifications: unreadNotificationsOf(users.id) };
}

export type ShellCount = "messages" | "notifications";
