"use server";

import type { FormState } from "@/app/_lib/action-results";
import { portalAction } from "@/app/_lib/portal-action";
import { notificationSettingsSchema, saveNotificationSettings } from "@/lib/notifications/settings";

/** The signed-in person's own choices (a patient's or a family member's): nobody saves another's. */
export async function saveNotificationSettingsAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { global: "manage:ownNotificationSettings" },
    (t) => notificationSettingsSchema(t),
    ({ actor, t }) => ({
      page: "/me/notifications/settings",
      change: (input) => saveNotificationSettings(actor, input),
      ok: t.notificationSettings.saved,
      stale: t.notificationSettings.stale,
    }),
  );
}
