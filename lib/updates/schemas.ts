import { z } from "zod";
import { UPDATE_LANGUAGES } from "@/db/schema/updates";
import { blankToUndefined, IdSchema } from "@/lib/validation";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => v || null);

export const UpdateSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, { error: "Give the update a title, e.g. 'Your first week home'." })
    .max(120),
  progress: z
    .string()
    .trim()
    .min(10, { error: "Say how things are going, in plain words." })
    .max(5000, { error: "Keep this under 5,000 characters." }),
  nextSteps: optional(3000),
  resources: optional(3000),
  /** The language it is written in; when the form does not say, the patient's preferred one (or the draft's own). */
  language: z.preprocess(
    blankToUndefined,
    z
      .enum(UPDATE_LANGUAGES, { error: "Choose the language it is written in: English or Spanish." })
      .optional(),
  ),
});
export type UpdateInput = z.infer<typeof UpdateSchema>;
export const EditUpdateSchema = UpdateSchema.extend({ version: z.coerce.number().int().min(1) });
export const PublishSchema = z.object({ version: z.coerce.number().int().min(1) });
export const UpdateIdSchema = IdSchema;
