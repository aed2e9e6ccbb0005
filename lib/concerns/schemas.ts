import { z } from "zod";
import {
  CONCERN_CATEGORIES,
  CONCERN_RAISERS,
  CONCERN_SEVERITIES,
  CONCERN_STATUSES,
  CONCERN_TRANSITIONS,
  type ConcernStatus,
} from "@/db/schema/concerns";
import { addDaysIso } from "@/lib/time";
import {
  blankToUndefined,
  checkbox,
  IdSchema,
  optionalText,
  requiredText,
  type TooLong,
  versionField,
} from "@/lib/validation";
import { englishBesideField, englishOnlyBesideSpanish, writtenLanguageField } from "@/lib/written-language";

export type { ConcernStatus };

export const ConcernIdSchema = IdSchema;
export const CONCERN_PAGE_SIZE = 25;

export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  "in-review": "In review",
  escalated: "Escalated",
  resolved: "Resolved",
  closed: "Closed",
};
export const CONCERN_CATEGORY_LABELS: Record<(typeof CONCERN_CATEGORIES)[number], string> = {
  "quality-of-care": "Quality of care",
  communication: "Communication",
  "access-and-delays": "Access and delays",
  "billing-and-insurance": "Billing and insurance",
  privacy: "Privacy",
  safety: "Safety",
  "respect-and-discrimination": "Respect and discrimination",
  other: "Other",
};
export const CONCERN_SEVERITY_LABELS: Record<(typeof CONCERN_SEVERITIES)[number], string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};
export const CONCERN_RAISER_LABELS: Record<(typeof CONCERN_RAISERS)[number], string> = {
  patient: "The patient",
  family: "A family member or caregiver",
  advocate: "An advocate",
  staff: "Other staff",
};
/** What each move is called on its button. */
export const CONCERN_MOVE_LABELS: Partial<Record<ConcernStatus, string>> = {
  acknowledged: "Acknowledge",
  "in-review": "Start review",
  escalated: "Escalate",
  closed: "Close",
};

/** The statuses a concern can move to from `from` (resolving needs the written response). */
export function nextStatuses(from: ConcernStatus): ConcernStatus[] {
  return CONCERN_TRANSITIONS.filter(([f]) => f === from).map(([, to]) => to);
}

export function isOpenStatus(status: ConcernStatus): boolean {
  return status !== "resolved" && status !== "closed";
}

const version = versionField;
const text = requiredText;

/** A past (or today's) date, at most `yearsBack` years ago. */
function pastDate(today: string, yearsBack: number, future: string) {
  return z.iso
    .date({ error: "Enter a date." })
    .refine((v) => v <= today, { error: future })
    .refine((v) => v >= addDaysIso(today, -365 * yearsBack), {
      error: `That is more than ${yearsBack === 1 ? "a year" : `${yearsBack} years`} ago. Check the year.`,
    });
}

/** What a concern's own words are checked against, with the messages of the form that asks. */
export interface ConcernWords {
  category: string;
  whatHappened: string;
  desiredOutcome: string;
  tooLong?: TooLong;
}

/**
 * The fields a concern is told in, shared by the staff intake and the portal's form (which passes
 * its messages in the person's language), so each limit is written once.
 */
export function concernStoryFields(words: ConcernWords) {
  return {
    category: z.enum(CONCERN_CATEGORIES, { error: words.category }),
    whatHappened: text(10, 5000, words.whatHappened, words.tooLong),
    desiredOutcome: text(3, 2000, words.desiredOutcome, words.tooLong),
  };
}

const BOTH_IN_ENGLISH =
  "Give both the steps and the results in English, or leave both English versions empty.";

/**
 * The English copy of a Spanish letter needs both texts in English: one alone is refused, on the
 * empty one. (Beside English, englishOnlyBesideSpanish has refused them already.)
 */
function bothInEnglishOrNeither(
  value: { language?: string; responseStepsEnglish: string | null; responseResultsEnglish: string | null },
  ctx: z.RefinementCtx,
) {
  const { responseStepsEnglish: steps, responseResultsEnglish: results } = value;
  if (value.language !== "es") return;
  if (steps && !results)
    ctx.addIssue({ code: "custom", path: ["responseResultsEnglish"], message: BOTH_IN_ENGLISH });
  if (results && !steps)
    ctx.addIssue({ code: "custom", path: ["responseStepsEnglish"], message: BOTH_IN_ENGLISH });
}

export function concernSchemas(today: string) {
  const story = concernStoryFields({
    category: "Choose a category from the list.",
    whatHappened: "Say what happened, in the patient's words where you can.",
    desiredOutcome: "Say what the patient wants to happen.",
  });
  return {
    intake: z.object({
      raisedBy: z.enum(CONCERN_RAISERS, { error: "Say who raised the concern." }),
      raisedByName: optionalText(120),
      category: story.category,
      severity: z.enum(CONCERN_SEVERITIES, { error: "Choose how serious it is." }),
      whatHappened: story.whatHappened,
      desiredOutcome: story.desiredOutcome,
      eventDate: z
        .preprocess(blankToUndefined, pastDate(today, 3, "The event cannot be in the future.").optional())
        .transform((v) => v ?? null),
      aboutDischarge: checkbox,
      confidential: checkbox,
    }),
    transition: z.object({
      to: z.enum(CONCERN_STATUSES, { error: "Choose what happens next." }),
      note: optionalText(2000),
      version,
    }),
    resolve: z
      .object({
        responseContact: text(5, 300, "Name the contact person and how the patient can reach them."),
        responseSteps: text(10, 5000, "Describe the steps taken to investigate."),
        responseResults: text(10, 5000, "State the results of the investigation."),
        responseCompletedOn: pastDate(today, 1, "The date of completion cannot be in the future."),
        /** The language the steps and results are written in; blank is the patient's own. */
        language: writtenLanguageField,
        responseStepsEnglish: englishBesideField(5000),
        responseResultsEnglish: englishBesideField(5000),
        version,
      })
      .superRefine(englishOnlyBesideSpanish(["responseStepsEnglish", "responseResultsEnglish"]))
      .superRefine(bothInEnglishOrNeither),
    interim: z.object({
      expectedBy: z.iso
        .date({ error: "Enter the date the patient will hear back." })
        .refine((v) => v > today, { error: "Choose a date after today." })
        .refine((v) => v <= addDaysIso(today, 60), { error: "Choose a date within 60 days." }),
      message: text(10, 2000, "Say what is being done, in plain words."),
      version,
    }),
    qio: z.object({
      referredOn: pastDate(today, 1, "The referral date cannot be in the future."),
      version,
    }),
    confidential: z.object({ confidential: checkbox, version }),
    assign: z.object({ advocateId: z.uuid({ error: "Choose an advocate from the list." }), version }),
  };
}

export const ConcernWorklistQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum([...CONCERN_STATUSES, "active"]).optional()),
  category: z.preprocess(blankToUndefined, z.enum(CONCERN_CATEGORIES).optional()),
  severity: z.preprocess(blankToUndefined, z.enum(CONCERN_SEVERITIES).optional()),
  advocate: z.preprocess(blankToUndefined, z.uuid().optional()),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ConcernWorklistQuery = z.infer<typeof ConcernWorklistQuerySchema>;

type Schemas = ReturnType<typeof concernSchemas>;
export type IntakeInput = z.infer<Schemas["intake"]>;
export type ConcernTransitionInput = z.infer<Schemas["transition"]>;
export type ResolveInput = z.infer<Schemas["resolve"]>;
export type InterimInput = z.infer<Schemas["interim"]>;
export type QioInput = z.infer<Schemas["qio"]>;
