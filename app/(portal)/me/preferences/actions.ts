"use server";

import { revalidatePath } from "next/cache";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { ownRecordOr404 } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { StaleVersionError } from "@/lib/errors";
import { portalMessages } from "@/lib/i18n/server";
import { portalSchemas } from "@/lib/portal/forms";
import { PREFERENCE_FIELDS, savePreferences } from "@/lib/preferences";
import { zonedDate } from "@/lib/time";

/** The patient's own words on what matters to them: the same versioned record the advocate keeps. */
export async function savePortalPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const patientId = await ownRecordOr404(actor, "write:preferences:portal");
  const { t } = await portalMessages(actor);
  const values = formValues(formData, [...PREFERENCE_FIELDS.map(([key]) => key), "version"]);
  const parsed = portalSchemas(t, zonedDate()).preferences.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, t.errors.checkFields);
  try {
    await savePreferences(actor, patientId, parsed.data, "portal");
  } catch (error) {
    if (error instanceof StaleVersionError) {
      revalidatePath("/me/preferences");
      return { message: t.preferences.stale, values };
    }
    return refused(error, values);
  }
  revalidatePath("/me/preferences");
  return { ok: t.preferences.saved };
}
