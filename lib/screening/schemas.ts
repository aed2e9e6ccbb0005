import "server-only";
import { z } from "zod";
import { DEFAULT_INSTRUMENT_URL } from "@/db/instruments";
import { type RESPONSE_SOURCES, WRITTEN_LANGUAGES } from "@/db/schema";
import type { PatientPermission } from "@/lib/authz";
import { IdSchema, versionField } from "@/lib/validation";

/** Staff fill a screening in with the patient; the patient fills in her own in the portal. Never family. */
export type ScreeningAudience = "staff" | "portal";

export const SCREENING_PERMISSIONS = {
  staff: { read: "read:screening", write: "write:screening" },
  portal: { read: "read:screening:portal", write: "write:screening:portal" },
} as const satisfies Record<ScreeningAudience, { read: PatientPermission; write: PatientPermission }>;

/** Who filled it in, as the response records it. */
export const SOURCE_OF: Record<ScreeningAudience, (typeof RESPONSE_SOURCES)[number]> = {
  staff: "staff",
  portal: "patient",
};

/** The instrument the pages screen with. */
export const SCREENING_INSTRUMENT = DEFAULT_INSTRUMENT_URL;

/** Each domain as staff read it: one list, kept with the needs (lib/needs/labels.ts). */
export { NEED_DOMAIN_LABELS } from "@/lib/needs/labels";

/** Starting a screening: the language the questions are asked in. */
export const StartScreeningSchema = z.object({
  language: z.enum(WRITTEN_LANGUAGES, { error: "Choose the language to ask the questions in." }),
});
export type StartScreeningInput = z.infer<typeof StartScreeningSchema>;

/**
 * One question's answer, saved on its own: the codes chosen arrive as one comma-separated field
 * (the form's radio or boxes, gathered by the action). `chooseOne` is the reader's words.
 */
export function answerSchema(chooseOne = "Choose an answer, then save.") {
  return z.object({
    responseId: IdSchema,
    linkId: z.string().trim().min(1).max(100),
    version: versionField,
    answer: z
      .string()
      .max(2000)
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.string().max(40)).min(1, { error: chooseOne }).max(30)),
  });
}
export type AnswerInput = z.infer<ReturnType<typeof answerSchema>>;

/** Finishing: the response and the version the page showed. */
export const FinishScreeningSchema = z.object({ responseId: IdSchema, version: versionField });
export type FinishScreeningInput = z.infer<typeof FinishScreeningSchema>;
