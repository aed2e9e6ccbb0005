import { z } from "zod";
import {
  COUNTERPART_TYPES,
  type CounterpartType,
  INTERACTION_CHANNELS,
  type InteractionChannel,
} from "@/db/schema";
import { addDaysIso } from "@/lib/time";
import { blankToUndefined, IdSchema, optionalText } from "@/lib/validation";

export const COUNTERPART_LABELS: Record<CounterpartType, string> = {
  provider: "Provider",
  insurer: "Insurer",
  employer: "Employer",
  regulator: "Regulator",
  other: "Other",
};
export const CHANNEL_LABELS: Record<InteractionChannel, string> = {
  phone: "Phone",
  email: "Email",
  letter: "Letter",
  meeting: "Meeting in person",
  video: "Video call",
  portal: "Online portal",
};

export const InteractionIdSchema = IdSchema;

export function interactionSchema(today: string) {
  return z.object({
    counterpartType: z.enum(COUNTERPART_TYPES, { error: "Choose who the advocate spoke to." }),
    organisation: z
      .string()
      .trim()
      .min(2, { error: "Name the organisation, e.g. 'Blue Valley Health Plan'." })
      .max(200),
    contact: optionalText(200),
    occurredOn: z.iso
      .date({ error: "Enter the date it happened." })
      .refine((v) => v <= today, { error: "The date cannot be in the future." })
      .refine((v) => v >= addDaysIso(today, -365), {
        error: "That is more than a year ago. Check the year.",
      }),
    channel: z.enum(INTERACTION_CHANNELS, { error: "Choose how it happened." }),
    asked: z.string().trim().min(5, { error: "Say what was asked for the patient." }).max(3000),
    outcome: optionalText(3000),
    followUpOn: z
      .preprocess(
        blankToUndefined,
        z.iso
          .date({ error: "Enter a date." })
          .refine((v) => v >= today, { error: "A follow-up is today or later." })
          .refine((v) => v <= addDaysIso(today, 365), { error: "Choose a date within a year." })
          .optional(),
      )
      .transform((v) => v ?? null),
    /** "concern:<id>" or "rights:<id>": what the interaction was about, if anything. */
    subject: z
      .preprocess(blankToUndefined, z.string().regex(SUBJECT, { error: "Choose from the list." }).optional())
      .transform((v) => ({
        concernId: v?.startsWith("concern:") ? v.slice(8) : null,
        rightsRequestId: v?.startsWith("rights:") ? v.slice(7) : null,
      })),
  });
}
const SUBJECT = /^(concern|rights):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type InteractionForm = z.infer<ReturnType<typeof interactionSchema>>;
export type InteractionInput = Omit<InteractionForm, "subject"> & InteractionForm["subject"];
export const FollowUpDoneSchema = z.object({ version: z.coerce.number().int().min(1) });
