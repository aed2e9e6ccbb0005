import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { NotificationList } from "@/components/notifications/notification-list";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { listNotifications } from "@/lib/notifications/bell";
import { NOTIFICATION_WORDS } from "@/lib/notifications/words";
import { markAllNotificationsReadAction, openNotificationAction } from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.bell.title };

const QuerySchema = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

/** The patient's or family member's notifications, in their language: open one, or mark all read. */
export default async function MyNotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const { page } = QuerySchema.parse({ page: (await searchParams).page });
  const data = await orNotFound(listNotifications(actor, { page, side: "portal" }));
  return (
    <>
      <h1 className="mb-2">{t.bell.title}</h1>
      <p className="mb-2 max-w-2xl">{t.bell.intro}</p>
      <p className="mb-6">
        <Link href="/me/notifications/settings">{t.bell.settings}</Link>
      </p>
      <NotificationList
        data={data}
        words={t.bell}
        titles={NOTIFICATION_WORDS[locale].title}
        when={f.dateTime}
        open={openNotificationAction}
        markAll={markAllNotificationsReadAction}
        basePath="/me/notifications"
      />
    </>
  );
}
