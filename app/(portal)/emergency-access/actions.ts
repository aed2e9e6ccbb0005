"use server";

import { redirect } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeGlobalAction } from "@/lib/authz/guard";
import { EmergencyAccessSchema, requestEmergencyAccess } from "@/lib/emergency-access";

export async function requestEmergencyAccessAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  await orNotFound(authorizeGlobalAction(actor, "request:emergencyAccess"));
  const values = formValues(formData, ["patientMrn", "reason"]);
  const parsed = EmergencyAccessSchema.safeParse({
    ...values,
    confirm: formData.get("confirm") ?? undefined,
  });
  if (!parsed.success) return invalid(parsed.error, values);
  let patientId: string;
  try {
    ({ patientId } = await requestEmergencyAccess(actor, parsed.data));
  } catch (error) {
    return refused(error, values);
  }
  redirect(`/patients/${patientId}`);
}
