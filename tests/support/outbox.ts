import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { type NotificationChannel, notifications } from "@/db/schema";

/** The id of the notification an event wrote for this person by this channel, if it wrote one. */
export async function notificationIdFor(
  eventKey: string,
  userId: string,
  channel: NotificationChannel,
): Promise<string | undefined> {
  const [row] = await db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.eventKey, eventKey),
        eq(notifications.recipientUserId, userId),
        eq(notifications.channel, channel),
      ),
    );
  return row?.id;
}
