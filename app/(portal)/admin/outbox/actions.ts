"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { OutboxFiltersSchema, retryNotification } from "@/lib/notifications/outbox-admin";

/** Sends a dead letter again (the admin's power), then shows the outbox saying so. */
export async function retryNotificationAction(
  notificationId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { global: "retry:notification", id: notificationId },
    OutboxFiltersSchema,
    ({ actor, id }) => ({
      also: ["/admin/outbox"],
      change: async (filters) => {
        await retryNotification(actor, id);
        return filters;
      },
      redirect: (filters) => {
        const query = new URLSearchParams({ retried: "1" });
        if (filters.status) query.set("status", filters.status);
        if (filters.channel) query.set("channel", filters.channel);
        return `/admin/outbox?${query}`;
      },
    }),
  );
}
