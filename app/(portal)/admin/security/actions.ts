"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { SecuritySettingsSchema, updateSecuritySettings } from "@/lib/auth/second-factor/organisation";

/** The organisation's sign-in rules; an admin change, so the second factor is asked again if stale. */
export async function saveSecuritySettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return recordAction(
    formData,
    { global: "manage:securitySettings" },
    SecuritySettingsSchema,
    ({ actor }) => ({
      page: "/admin/security",
      change: (input) => updateSecuritySettings(actor, input),
      ok: (_result, input) =>
        input.secondFactorRequiredForStaff
          ? "Saved. Staff without a second factor set one up at their next sign-in."
          : "Saved. Staff may sign in with a password alone.",
    }),
  );
}
