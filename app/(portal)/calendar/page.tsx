import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { getFeedStatus } from "@/lib/calendar";
import { formatDateTime } from "@/lib/time";
import { createFeedAction, revokeFeedAction } from "./actions";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function CalendarPage() {
  const actor = await requireActor();
  const status = await orNotFound(getFeedStatus(actor, "caseload"));
  return (
    <>
      <PageHeader title="Calendar feed" />
      <Card className="max-w-2xl space-y-4">
        <p>
          Add your caseload's appointments to Google Calendar, Outlook or Apple Calendar with a private
          address. It covers the last month and the next six months, and updates when the calendar app next
          checks.
        </p>
        <p>
          Anyone who has the address can read it, so keep it to yourself. If it may have been shared, make a
          new one: the old one stops working at once.
        </p>
        <p className="font-medium">
          {status.active
            ? `You have a calendar address, made ${formatDateTime(status.createdAt!)}${status.lastFetchedAt ? `, last read by a calendar app ${formatDateTime(status.lastFetchedAt)}` : ", not read yet"}.`
            : "You have no calendar address."}
        </p>
        <ActionForm
          action={createFeedAction}
          submitLabel={status.active ? "Make a new address" : "Make my calendar address"}
          pendingLabel="Making…"
          fields={[]}
          confirm={
            status.active
              ? {
                  title: "Make a new calendar address?",
                  body: "Your current address stops working, and calendar apps using it must be given the new one.",
                  confirmLabel: "Make a new one",
                }
              : undefined
          }
        />
        {status.active ? (
          <ActionForm
            action={revokeFeedAction}
            submitLabel="Turn the calendar address off"
            variant="danger"
            fields={[]}
            confirm={{
              title: "Turn off your calendar address?",
              body: "Calendar apps using it will stop receiving appointments.",
              confirmLabel: "Turn it off",
            }}
          />
        ) : null}
      </Card>
    </>
  );
}
