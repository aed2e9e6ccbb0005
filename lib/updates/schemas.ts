import { z } from "zod";
import { blankToUndefined, IdSchema } from "@/lib/validation";
import {
  type EnglishOptional,
  englishBesideField,
  englishOnlyBesideSpanish,
  writtenLanguageField,
} from "@/lib/written-language";

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep this under ${max} characters.` })
    .optional()
    .transform((v) => v || null);

const UpdateFields = z.object({
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
  language: writtenLanguageField,
  /** The same update in English, beside one written in Spanish. */
  titleEnglish: z
    .preprocess(blankToUndefined, z.string().trim().max(120).optional())
    .transform((v) => v || null),
  progressEnglish: englishBesideField(5000),
  nextStepsEnglish: englishBesideField(3000),
});
const besideSpanish = englishOnlyBesideSpanish<z.infer<typeof UpdateFields>>([
  "titleEnglish",
  "progressEnglish",
  "nextStepsEnglish",
]);
export const UpdateSchema = UpdateFields.superRefine(besideSpanish);
type EnglishBeside = "titleEnglish" | "progressEnglish" | "nextStepsEnglish";
/** What the domain takes: the English version beside Spanish may be left out. */
export type UpdateInput = EnglishOptional<z.infer<typeof UpdateSchema>, EnglishBeside>;
export const EditUpdateSchema = UpdateFields.extend({ version: z.coerce.number().int().min(1) }).superRefine(
  besideSpanish,
);
export const PublishSchema = z.object({ version: z.coerce.number().int().min(1) });
export const UpdateIdSchema = IdSchema;
