"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import {
  saveStaffNotificationSettings,
  staffNotificationSettingsSchema,
} from "@/lib/notifications/staff-settings";

const PAGE = "/notifications/settings";

/** The signed-in staff member's (or admin's) own email choices: nobody saves another's. */
export async function saveStaffNotificationSettingsAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { global: "manage:ownNotificationSettings:staff" },
    staffNotificationSettingsSchema,
    ({ actor }) => ({
      page: PAGE,
      // The bell's list links here and says nothing of these choices, so only this page is refreshed.
      change: (input) => saveStaffNotificationSettings(actor, input),
      ok: "Your notification settings are saved.",
      stale:
        "Your settings were changed elsewhere after you opened this page (in another tab, or by an email's unsubscribe link). The page now shows them: check your choices, then save again.",
    }),
  );
}
