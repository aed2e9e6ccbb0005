import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { copyWords, portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/current-user";
import { getFeedStatus } from "@/lib/calendar";
import { portalFormat } from "@/lib/i18n/format";
import { portalMessages } from "@/lib/i18n/server";
import { createPortalFeedAction, revokePortalFeedAction } from "./actions";

/** The tab's title in the reader's language, like every word on the page. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await portalMessages(await requireActor());
  return { title: t.calendarFeed.title };
}

/** The patient's private calendar address for their own appointments, in their language. */
export default async function MyCalendarPage() {
  const actor = await requireActor();
  const status = await orNotFound(getFeedStatus(actor, "portal"));
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const c = t.calendarFeed;
  return (
    <>
      <h1 className="mb-4">{c.title}</h1>
      <Card className="max-w-2xl space-y-4">
        <p>{c.intro}</p>
        <p>{c.private}</p>
        <p className="font-medium">
          {status.active && status.createdAt
            ? c.active(
                f.dateTime(status.createdAt),
                status.lastFetchedAt ? f.dateTime(status.lastFetchedAt) : null,
              )
            : c.none}
        </p>
        <ActionForm
          action={createPortalFeedAction}
          submitLabel={status.active ? c.makeNew : c.make}
          {...portalFormWords(t)}
          pendingLabel={c.making}
          copyWords={copyWords(t)}
          fields={[]}
          confirm={
            status.active
              ? { title: c.confirmNewTitle, body: c.confirmNewBody, confirmLabel: c.confirmNew }
              : undefined
          }
        />
        {status.active ? (
          <ActionForm
            action={revokePortalFeedAction}
            submitLabel={c.turnOff}
            variant="danger"
            {...portalFormWords(t)}
            fields={[]}
            confirm={{ title: c.confirmOffTitle, body: c.confirmOffBody, confirmLabel: c.confirmOff }}
          />
        ) : null}
      </Card>
    </>
  );
}
