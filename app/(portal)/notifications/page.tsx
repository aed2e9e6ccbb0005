import type { Metadata } from "next";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { NotificationList, type NotificationListWords } from "@/components/notifications/notification-list";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { MESSAGES } from "@/lib/i18n/messages";
import { listNotifications } from "@/lib/notifications/bell";
import { NOTIFICATION_WORDS } from "@/lib/notifications/words";
import { formatDateTime } from "@/lib/time";
import { markAllStaffNotificationsReadAction, openStaffNotificationAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const QuerySchema = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

// The list's words are the portal's English ones, but for what a staff member's list will hold.
const WORDS: NotificationListWords = {
  ...MESSAGES.en.bell,
  none: "No notifications yet. One comes here when a patient or their family writes to the care team, when something you look after passes its deadline, and each morning with a summary of your work.",
};

/** A staff member's (or the admin's) own notifications: open one to go to it, or mark all read. */
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { page } = QuerySchema.parse({ page: (await searchParams).page });
  const data = await orNotFound(listNotifications(actor, { page, side: "staff" }));
  return (
    <>
      <PageHeader title="Notifications">
        <ButtonLink href="/notifications/settings" variant="secondary">
          Notification settings
        </ButtonLink>
      </PageHeader>
      <p className="mb-6 max-w-2xl">
        What is waiting on you, as it happens: a patient&apos;s conversation that needs an answer, a rights
        request or grievance you look after that is past its deadline, your daily summary. Open one to go to
        it; it is then marked as read.
      </p>
      <NotificationList
        data={data}
        words={WORDS}
        titles={NOTIFICATION_WORDS.en.title}
        when={(at) => formatDateTime(at)}
        open={openStaffNotificationAction}
        markAll={markAllStaffNotificationsReadAction}
        basePath="/notifications"
      />
    </>
  );
}
