"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { ReviewSchema, reviewEmergencyGrant } from "@/lib/emergency-access";

export async function reviewEmergencyAccessAction(
  grantId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { global: "review:emergencyAccess", id: grantId },
    ReviewSchema,
    ({ actor, id }) => ({
      also: ["/admin/emergency-access"],
      change: (input) => reviewEmergencyGrant(actor, id, input.note),
      ok: "Review recorded.",
    }),
  );
}
