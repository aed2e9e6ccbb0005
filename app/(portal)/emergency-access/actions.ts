"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { EmergencyAccessSchema, requestEmergencyAccess } from "@/lib/emergency-access";

export async function requestEmergencyAccessAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return recordAction(
    formData,
    { global: "request:emergencyAccess" },
    EmergencyAccessSchema,
    ({ actor }) => ({
      // The box is ticked again after a mistake: never handed back ticked.
      secret: ["confirm"],
      change: (input) => requestEmergencyAccess(actor, input),
      redirect: ({ patientId }) => `/patients/${patientId}`,
    }),
  );
}
