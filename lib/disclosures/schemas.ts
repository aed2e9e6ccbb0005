import { z } from "zod";
import { addYearsIso } from "@/lib/time";
import { blankToUndefined, IdSchema, optionalText, requiredText } from "@/lib/validation";

/** An accounting covers at most the six years before the request (164.528(a)(1)). */
export const ACCOUNTING_YEARS = 6;
export const DisclosureIdSchema = IdSchema;
export const AccountingIdSchema = IdSchema;

/** The start of the twelve months before `day` in which an earlier accounting makes this one chargeable. */
export const freeWindowStart = (day: string) => addYearsIso(day, -1);

export function disclosureSchemas(today: string) {
  const earliest = addYearsIso(today, -ACCOUNTING_YEARS);
  return {
    record: z.object({
      disclosedOn: z.iso
        .date({ error: "Enter the date it was disclosed." })
        .refine((v) => v <= today, { error: "The date cannot be in the future." })
        .refine((v) => v >= earliest, {
          error: "That is more than six years ago: it is outside any accounting.",
        }),
      recipient: requiredText(2, 200, "Name the person or organisation it went to."),
      recipientAddress: optionalText(300),
      description: requiredText(5, 2000, "Say briefly what was disclosed."),
      purpose: requiredText(
        5,
        2000,
        "Say briefly why it was disclosed, or which written request it answered.",
      ),
    }),
    void: z.object({
      reason: requiredText(5, 500, "Say why this entry was made in error."),
    }),
    accounting: z.object({
      periodFrom: z.iso
        .date({ error: "Enter the first day the accounting covers." })
        .refine((v) => v >= earliest, { error: "An accounting covers at most the past six years." })
        .refine((v) => v <= today, { error: "The period cannot start in the future." }),
      rightsRequestId: z
        .preprocess(blankToUndefined, z.uuid({ error: "Choose from the list." }).optional())
        .transform((v) => v ?? null),
    }),
  };
}
type Schemas = ReturnType<typeof disclosureSchemas>;
export type DisclosureInput = z.infer<Schemas["record"]>;
export type VoidInput = z.infer<Schemas["void"]>;
export type AccountingInput = z.infer<Schemas["accounting"]>;
