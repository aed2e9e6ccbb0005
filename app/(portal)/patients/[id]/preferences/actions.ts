"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { PreferencesSchema, savePreferences } from "@/lib/preferences";

export async function savePreferencesAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:preferences" },
    PreferencesSchema,
    ({ actor, id }) => ({
      page: "/patients/[id]/preferences",
      change: (input) => savePreferences(actor, id, input, "staff"),
      ok: "Saved. Coordinators see this beside the care plan.",
    }),
  );
}
