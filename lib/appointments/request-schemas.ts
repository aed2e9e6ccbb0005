import { z } from "zod";
import { APPOINTMENT_REQUEST_KINDS, type AppointmentRequestKind } from "@/db/schema";
import type { Messages } from "@/lib/i18n/messages";
import { IdSchema } from "@/lib/validation";

export { APPOINTMENT_REQUEST_KINDS, type AppointmentRequestKind };
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
export const CompleteRequestSchema = z.object({
  note: z
    .string({ error: "Say what you did, e.g. 'Moved to Thursday 10:00; told her by phone.'" })
    .trim()
    .min(3, { error: "Say what you did, e.g. 'Moved to Thursday 10:00; told her by phone.'" })
    .max(1000, { error: "Keep this under 1,000 characters." }),
});

export type ChangeRequestInput = z.infer<ReturnType<typeof changeRequestSchema>>;
