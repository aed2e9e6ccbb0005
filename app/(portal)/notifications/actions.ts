"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { actionAccess } from "@/app/_lib/record-action";
import { markAllRead, markRead } from "@/lib/notifications/bell";

const LIST = "/notifications";

/** Opens one of the staff member's notifications: marked read, then where it leads. Another's is the 404. */
export async function openStaffNotificationAction(notificationId: string): Promise<void> {
  const { actor, id } = await actionAccess({ global: "read:ownNotifications", id: notificationId });
  const link = await orNotFound(markRead(actor, id, "staff"));
  // The bell is in the shell on every page: its count is fresh wherever the person goes next.
  revalidatePath("/", "layout");
  redirect(link);
}

export async function markAllStaffNotificationsReadAction(): Promise<void> {
  const { actor } = await actionAccess({ global: "read:ownNotifications" });
  await orNotFound(markAllRead(actor, "staff"));
  revalidatePath("/", "layout");
  redirect(LIST);
}
