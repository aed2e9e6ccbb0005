"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import {
  AppointmentIdSchema,
  changeRequestSchema,
  requestAppointmentChange,
} from "@/lib/appointments/requests";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { portalMessages } from "@/lib/i18n/server";

/** The patient asks their coordinator to move or cancel an appointment. */
export async function requestChangeAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = AppointmentIdSchema.safeParse(appointmentId);
  if (!id.success) notFound();
  // Asked of the appointment's own patient: anyone else, or someone else's appointment, is refused.
  await orNotFound(
    authorizeAction(actor, "request:appointmentChange:portal", { record: "appointment", id: id.data }),
  );
  // Only the patient themself holds that permission, so a record of their own is there.
  if (!actor.patientId) notFound();
  const patientId = actor.patientId;
  const { t } = await portalMessages(actor);
  const result = await runChange(
    "/me/appointments/[appointmentId]",
    formValues(formData, ["kind", "reason", "preferredTimes"]),
    changeRequestSchema(t),
    (input) => requestAppointmentChange(actor, patientId, id.data, input, t),
    t.appointmentRequest.sent,
    t.errors.checkFields,
  );
  revalidatePath("/me");
  return result;
}
