import { z } from "zod";
import {
  APPOINTMENT_REQUEST_KINDS,
  APPOINTMENT_REQUEST_OUTCOMES,
  type AppointmentRequestKind,
  type AppointmentRequestOutcome,
} from "@/db/schema";
import type { Messages } from "@/lib/i18n/messages";
import { IdSchema } from "@/lib/validation";

export {
  APPOINTMENT_REQUEST_KINDS,
  APPOINTMENT_REQUEST_OUTCOMES,
  type AppointmentRequestKind,
  type AppointmentRequestOutcome,
};
export const AppointmentIdSchema = IdSchema;
export const AppointmentRequestIdSchema = IdSchema;

export function changeRequestSchema(t: Messages) {
  return z.object({
    kind: z.enum(APPOINTMENT_REQUEST_KINDS, { error: t.appointmentRequest.errors.kind }),
    reason: z
      .string({ error: t.appointmentRequest.errors.reason })
      .trim()
      .min(3, { error: t.appointmentRequest.errors.reason })
      .max(1000, { error: t.errors.tooLong(1000) }),
    preferredTimes: z
      .string()
      .trim()
      .max(500, { error: t.errors.tooLong(500) })
      .optional()
      .transform((v) => v || null),
  });
}
/** Staff words for what became of a request; the patient reads them in their language (lib/i18n). */
export const REQUEST_OUTCOME_LABEL: Record<AppointmentRequestOutcome, string> = {
  completed: "Done: the change was made",
  declined: "Declined",
  cancelled: "Closed without the change (no longer needed)",
};

const NOTE_HINT = "Say why, for the patient, e.g. 'Moved to Thursday 3:15 PM; no fasting needed.'";

/** The coordinator closes a request: what became of it, and the why the patient reads as written. */
export const HandleRequestSchema = z.object({
  outcome: z.enum(APPOINTMENT_REQUEST_OUTCOMES, { error: "Choose what became of the request." }),
  note: z
    .string({ error: NOTE_HINT })
    .trim()
    .min(3, { error: NOTE_HINT })
    .max(1000, { error: "Keep this under 1,000 characters." }),
});
export type HandleRequestInput = z.infer<typeof HandleRequestSchema>;

export type ChangeRequestInput = z.infer<ReturnType<typeof changeRequestSchema>>;
