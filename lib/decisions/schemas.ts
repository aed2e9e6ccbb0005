import { z } from "zod";
import {
  type DecisionConfirmation,
  type DecisionParticipant,
  PARTICIPANT_KINDS,
  type ParticipantKind,
} from "@/db/schema/decisions";
import { WRITTEN_LANGUAGES } from "@/db/schema/languages";
import { addDaysIso } from "@/lib/time";
import { blankToUndefined, IdSchema, optionalText, requiredText, versionField } from "@/lib/validation";

export type { DecisionConfirmation, DecisionParticipant, ParticipantKind };

export const DecisionIdSchema = IdSchema;

export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, string> = {
  patient: "The patient",
  family: "Family",
  agent: "Health care agent",
  advocate: "Advocate",
  clinician: "Clinician",
  other: "Other",
};

export const CONFIRMATION_LABELS: Record<DecisionConfirmation, string> = {
  pending: "Not asked yet",
  confirmed: "The patient says it says what they decided",
  disputed: "The patient says it does not say what they decided",
};

/** The form's rows for who took part: a row with a name counts, an empty row is left out. */
export const PARTICIPANT_ROWS = [1, 2, 3, 4, 5, 6] as const;
const MAX_OPTIONS = 12;

const kindField = z.preprocess(blankToUndefined, z.enum(PARTICIPANT_KINDS).optional());
const nameField = optionalText(200);
const participantFields = Object.fromEntries(
  PARTICIPANT_ROWS.flatMap((n) => [
    [`participantKind${n}`, kindField],
    [`participantName${n}`, nameField],
  ]),
) as Record<`participantKind${(typeof PARTICIPANT_ROWS)[number]}`, typeof kindField> &
  Record<`participantName${(typeof PARTICIPANT_ROWS)[number]}`, typeof nameField>;

type Rows = { [K in keyof typeof participantFields]?: z.output<(typeof participantFields)[K]> };

/** The named rows as the record keeps them; a row's missing half is an error on that field. */
function participantsOf(rows: Rows, ctx: z.RefinementCtx): DecisionParticipant[] {
  const list: DecisionParticipant[] = [];
  for (const n of PARTICIPANT_ROWS) {
    const kind = rows[`participantKind${n}`];
    const name = rows[`participantName${n}`];
    if (name && kind) list.push({ kind, name });
    else if (name)
      ctx.addIssue({ code: "custom", path: [`participantKind${n}`], message: "Say who they are." });
    else if (kind)
      ctx.addIssue({ code: "custom", path: [`participantName${n}`], message: "Give their name." });
  }
  if (list.length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["participantName1"],
      message: "Name at least one person who took part.",
    });
  return list;
}

const optionsField = z
  .string({ error: "Write the options considered, one per line." })
  .transform((text) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().max(200, { error: "Keep each option under 200 characters." }))
      .min(1, { error: "Write the options considered, one per line." })
      .max(MAX_OPTIONS, { error: `List at most ${MAX_OPTIONS} options.` }),
  );

/** A decision's fields as the staff form sends them; `today` bounds the date it was made. */
export function decisionFields(today: string) {
  return z
    .object({
      topic: requiredText(3, 200, "Say what the decision was about, e.g. “Dialysis or conservative care”."),
      options: optionsField,
      choiceInHerWords: requiredText(3, 4000, "Write the patient's choice in their own words."),
      language: z.enum(WRITTEN_LANGUAGES, { error: "Choose the language their words are in." }),
      decidedOn: z.iso
        .date({ error: "Enter the date the decision was made." })
        .refine((v) => v <= today && v >= addDaysIso(today, -3650), {
          error: "Enter a date in the last ten years, not in the future.",
        }),
      carePlanId: z.preprocess(blankToUndefined, IdSchema.optional()).transform((v) => v ?? null),
      ...participantFields,
    })
    .transform((v, ctx) => ({
      topic: v.topic,
      options: v.options,
      choiceInHerWords: v.choiceInHerWords,
      language: v.language,
      decidedOn: v.decidedOn,
      carePlanId: v.carePlanId,
      participants: participantsOf(v, ctx),
    }));
}

export type DecisionInput = z.output<ReturnType<typeof decisionFields>>;

/** The forms of the staff page, built for today. */
export function decisionSchemas(today: string) {
  const fields = decisionFields(today);
  return {
    record: fields,
    edit: z.object({ version: versionField }).and(fields),
    flag: z.object({
      note: requiredText(3, 2000, "Say how the patient's voice is not reflected, in a sentence or more."),
      version: versionField,
    }),
    resolve: z.object({
      resolution: requiredText(3, 2000, "Say how it was resolved, in a sentence or more."),
      version: versionField,
    }),
    link: z.object({
      item: z
        .string({ error: "Choose a goal or an intervention." })
        .regex(/^(goal|intervention):[0-9a-f-]{36}$/, { error: "Choose a goal or an intervention." })
        .transform((v) => {
          const [kind, id] = v.split(":") as ["goal" | "intervention", string];
          return { kind, id };
        })
        .pipe(z.object({ kind: z.enum(["goal", "intervention"]), id: IdSchema })),
    }),
  };
}

export type FlagInput = z.output<ReturnType<typeof decisionSchemas>["flag"]>;
export type ResolveInput = z.output<ReturnType<typeof decisionSchemas>["resolve"]>;
export type LinkInput = z.output<ReturnType<typeof decisionSchemas>["link"]>;

/** Her answer: "yes" alone, or "no" with what is not right; the words come in her language. */
export function answerSchema(words: { comment: string; tooLong: (max: number) => string }) {
  return z
    .object({
      answer: z.enum(["yes", "no"]),
      comment: optionalText(2000, words.tooLong),
      version: versionField,
    })
    .superRefine((v, ctx) => {
      if (v.answer === "no" && !v.comment)
        ctx.addIssue({ code: "custom", path: ["comment"], message: words.comment });
    });
}

export type AnswerInput = z.output<ReturnType<typeof answerSchema>>;
