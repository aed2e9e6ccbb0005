"use server";

import type { FormState } from "@/app/_lib/action-results";
import { portalAction } from "@/app/_lib/portal-action";
import { portalSchemas } from "@/lib/portal/forms";
import { savePreferences } from "@/lib/preferences";
import { zonedDate } from "@/lib/time";

/** The patient's own words on what matters to them: the same versioned record the advocate keeps. */
export async function savePortalPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return portalAction(
    formData,
    { own: "write:preferences:portal" },
    (t) => portalSchemas(t, zonedDate()).preferences,
    ({ actor, id, t }) => ({
      page: "/me/preferences",
      change: (input) => savePreferences(actor, id, input, "portal"),
      ok: t.preferences.saved,
      stale: t.preferences.stale,
    }),
  );
}
