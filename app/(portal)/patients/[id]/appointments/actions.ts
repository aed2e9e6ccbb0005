"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction, recordActions } from "@/app/_lib/record-action";
import {
  BookingSchema,
  bookAppointments,
  CancelSchema,
  cancelAppointment,
  RescheduleSchema,
  rescheduleAppointment,
  StatusSchema,
  setAppointmentStatus,
} from "@/lib/appointments";
import { HandleRequestSchema, handleChangeRequest } from "@/lib/appointments/requests";

const PAGE = "/patients/[id]/appointments";

/** A change to one appointment, by someone who may book for its patient. */
const appointmentAction = recordActions("appointment", "write:appointment", PAGE, () => ({
  reschedule: RescheduleSchema,
  cancel: CancelSchema,
  status: StatusSchema,
}));

export async function bookAppointmentAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:appointment" },
    BookingSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => bookAppointments(actor, id, input),
      ok: (booked) => (booked.length === 1 ? "Appointment booked." : `${booked.length} appointments booked.`),
    }),
  );
}

export async function rescheduleAppointmentAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return appointmentAction(
    appointmentId,
    formData,
    (s) => s.reschedule,
    (actor, id) => ({
      change: (input) => rescheduleAppointment(actor, id, input),
      ok: (_result, input) =>
        input.closeRequest
          ? "Appointment moved; the patient's request is marked done."
          : "Appointment moved.",
    }),
  );
}

export async function cancelAppointmentAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return appointmentAction(
    appointmentId,
    formData,
    (s) => s.cancel,
    (actor, id) => ({
      change: (input) => cancelAppointment(actor, id, input),
      ok: "Appointment cancelled.",
    }),
  );
}

export async function setAppointmentStatusAction(
  appointmentId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return appointmentAction(
    appointmentId,
    formData,
    (s) => s.status,
    (actor, id) => ({
      change: (input) => setAppointmentStatus(actor, id, input),
      ok: "Status saved.",
    }),
  );
}

/** The coordinator closes a patient's request to move or cancel: its outcome, and why. */
export async function handleChangeRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "appointmentRequest", id: requestId, may: "write:appointment" },
    HandleRequestSchema,
    ({ actor, id }) => ({
      page: PAGE,
      also: ["/dashboard"],
      change: (input) => handleChangeRequest(actor, id, input),
      ok: "Done. The patient sees what happened and your note, with the appointment as it now stands.",
    }),
  );
}
