"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import {
  AppointmentIdSchema,
  bookAppointments,
  CancelSchema,
  cancelAppointment,
  parseAppointment,
  parseReschedule,
  rescheduleAppointment,
  StatusSchema,
  setAppointmentStatus,
} from "@/lib/appointments";
import {
  AppointmentRequestIdSchema,
  CompleteRequestSchema,
  completeChangeRequest,
} from "@/lib/appointments/requests";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { PatientIdSchema } from "@/lib/patients/schemas";

const PAGE = "/patients/[id]/appointments";
const FIELDS = [
  "kind",
  "title",
  "clinicianId",
  "location",
  "videoUrl",
  "startsAt",
  "endsAt",
  "repeat",
  "occurrences",
  "patientNotes",
  "internalNotes",
] as const;

function idOr404(schema: typeof PatientIdSchema, value: unknown): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function bookAppointmentAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(PatientIdSchema, patientId);
  await orNotFound(authorizeAction(actor, "write:appointment", { patientId: id }));
  const values = formValues(formData, FIELDS);
  const parsed = parseAppointment(values);
  if (!parsed.success) return { errors: parsed.errors, message: "Check the fields marked below.", values };
  let booked: string[];
  try {
    booked = await bookAppointments(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: booked.length === 1 ? "Appointment booked." : `${booked.length} appointments booked.` };
}

export async function rescheduleAppointmentAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(AppointmentIdSchema, appointmentId);
  await orNotFound(authorizeAction(actor, "write:appointment", { record: "appointment", id }));
  const values = formValues(formData, ["startsAt", "endsAt", "version"]);
  const parsed = parseReschedule(values);
  if (!parsed.success) return { errors: parsed.errors, message: "Check the fields marked below.", values };
  try {
    await rescheduleAppointment(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Appointment moved." };
}

export async function cancelAppointmentAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(AppointmentIdSchema, appointmentId);
  await orNotFound(authorizeAction(actor, "write:appointment", { record: "appointment", id }));
  const values = formValues(formData, ["reason", "version"]);
  const parsed = CancelSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await cancelAppointment(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Appointment cancelled." };
}

export async function setAppointmentStatusAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(AppointmentIdSchema, appointmentId);
  await orNotFound(authorizeAction(actor, "write:appointment", { record: "appointment", id }));
  const values = formValues(formData, ["status", "version"]);
  const parsed = StatusSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await setAppointmentStatus(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Status saved." };
}

/** The coordinator closes a patient's request to move or cancel, saying what was done. */
export async function completeChangeRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = AppointmentRequestIdSchema.safeParse(requestId);
  if (!id.success) notFound();
  await orNotFound(
    authorizeAction(actor, "write:appointment", { record: "appointmentRequest", id: id.data }),
  );
  const values = formValues(formData, ["note"]);
  const parsed = CompleteRequestSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await completeChangeRequest(actor, id.data, parsed.data.note);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  revalidatePath("/dashboard");
  return { ok: "Done. The patient sees the appointment as it now stands." };
}
