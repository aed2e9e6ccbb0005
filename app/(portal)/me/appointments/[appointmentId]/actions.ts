"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { portalAction } from "@/app/_lib/portal-action";
import { changeRequestSchema, requestAppointmentChange } from "@/lib/appointments/requests";

/** The patient asks their coordinator to move or cancel an appointment. */
export async function requestChangeAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const result = await portalAction(
    formData,
    // Asked of the appointment's own patient: anyone else, or someone else's appointment, is refused.
    { record: "appointment", id: appointmentId, may: "request:appointmentChange:portal" },
    (t) => changeRequestSchema(t),
    ({ actor, id, t }) => {
      // Only the patient themself holds that permission, so a record of their own is there.
      const patientId = actor.patientId;
      if (!patientId) notFound();
      return {
        page: "/me/appointments/[appointmentId]",
        change: (input) => requestAppointmentChange(actor, patientId, id, input, t),
        ok: t.appointmentRequest.sent,
      };
    },
  );
  revalidatePath("/me");
  return result;
}
