import { z } from "zod";
import type { WrittenLanguage } from "@/db/schema/languages";
import { RIGHTS_DECISIONS, RIGHTS_REQUEST_TYPES, type RightsRequestType } from "@/db/schema/rights-requests";
import { optionalEmail, optionalUsPhone } from "@/lib/notifications/contact-fields";
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

export {
  CORRECTION_SUBJECTS,
  type CorrectionSubject,
  RIGHTS_REQUEST_TYPES,
  type RightsRequestType,
} from "@/db/schema/rights-requests";

export const RightsRequestIdSchema = IdSchema;
export const RIGHTS_PAGE_SIZE = 25;

export { DENIAL_REASONS, RIGHTS_DECISION_LABELS, RIGHTS_TYPE_LABELS } from "./labels";

export function isOverdue(effectiveDueOn: string, responseSentOn: string | null, today: string): boolean {
  return responseSentOn === null && effectiveDueOn < today;
}

export function isDueSoon(effectiveDueOn: string, responseSentOn: string | null, today: string): boolean {
  return responseSentOn === null && effectiveDueOn >= today && effectiveDueOn <= addDaysIso(today, 7);
}

/** A letter's fields: the language it goes in (`letterLanguage`) and the reason in English beside Spanish. */
interface LetterFields {
  letterLanguage?: WrittenLanguage;
  reasonEnglish: string | null;
}

/** The English reason only beside a letter written in Spanish (`rights_requests_english_beside_spanish`). */
function englishBesideSpanishLetter(value: LetterFields, ctx: z.RefinementCtx): void {
  englishOnlyBesideSpanish<{ language?: WrittenLanguage; reasonEnglish: string | null }>(["reasonEnglish"])(
    { language: value.letterLanguage, reasonEnglish: value.reasonEnglish },
    ctx,
  );
}

const version = versionField;
const text = requiredText;
const pastDate = (today: string, label: string) =>
  z.iso
    .date({ error: "Enter a date." })
    .refine((v) => v <= today, { error: `${label} cannot be in the future.` })
    .refine((v) => v >= addDaysIso(today, -365), { error: "That is more than a year ago. Check the year." });

/** What a request's own words are checked against, with the messages of the form that asks. */
export interface RightsRequestWords {
  type: string;
  details: string;
  tooLong?: TooLong;
  /** A confidential-communications request's alternates: a bad address, a bad number, the wrong kind of request. */
  alternateEmail?: string;
  alternatePhone?: string;
  alternateOnlyConfidential?: string;
}

const ALTERNATE_WORDS_EN = {
  alternateEmail: "Enter an email address like name@example.org.",
  alternatePhone: "Enter a US mobile number with its area code, e.g. 617-555-0123.",
  alternateOnlyConfidential:
    "Only a confidential-communications request names an alternate email or phone. Leave it empty, or choose that kind.",
};

/**
 * The alternates belong to a confidential-communications request (164.522(b)) alone, as the
 * database keeps (`rights_requests_alternate_contact_only_confidential`): refused on any other kind,
 * on the field that holds one. `kind` says what the request is (a correction is an amendment).
 */
export function alternatesOnlyConfidential<
  T extends { alternateEmail: string | null; alternatePhone: string | null },
>(kind: (value: T) => RightsRequestType, message = ALTERNATE_WORDS_EN.alternateOnlyConfidential) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (kind(value) === "confidential-communication") return;
    for (const field of ["alternateEmail", "alternatePhone"] as const)
      if (value[field] !== null) ctx.addIssue({ code: "custom", path: [field], message });
  };
}

/**
 * The fields a request is made in, shared by the staff's filing form and the portal's (which
 * passes its messages in the person's language), so each limit is written once.
 */
export function rightsRequestFields(words: RightsRequestWords) {
  return {
    type: z.enum(RIGHTS_REQUEST_TYPES, { error: words.type }),
    details: text(5, 3000, words.details, words.tooLong),
    requestedForm: optionalText(200, words.tooLong),
    healthPlanSelfPay: checkbox,
    alternateEmail: optionalEmail(words.alternateEmail ?? ALTERNATE_WORDS_EN.alternateEmail),
    alternatePhone: optionalUsPhone(words.alternatePhone ?? ALTERNATE_WORDS_EN.alternatePhone),
  };
}

export function rightsSchemas(today: string) {
  const request = rightsRequestFields({
    type: "Choose the kind of request.",
    details: "Say what the patient asks for.",
  });
  return {
    file: z
      .object({
        type: request.type,
        receivedOn: pastDate(today, "The received date"),
        details: request.details,
        requestedForm: request.requestedForm,
        healthPlanSelfPay: request.healthPlanSelfPay,
        alternateEmail: request.alternateEmail,
        alternatePhone: request.alternatePhone,
      })
      .superRefine(alternatesOnlyConfidential((v) => v.type)),
    extend: z
      .object({
        reason: text(10, 2000, "Give the reason the patient will read, e.g. the records are held off site."),
        notifiedOn: pastDate(today, "The date the patient was told"),
        /** The letters' language; blank is the patient's own language. */
        letterLanguage: writtenLanguageField,
        reasonEnglish: englishBesideField(2000),
        version,
      })
      .superRefine(englishBesideSpanishLetter),
    decide: z
      .object({
        decision: z.enum(RIGHTS_DECISIONS, { error: "Choose the decision." }),
        reasonCode: z
          .string()
          .optional()
          .transform((v) => v || null),
        reason: z
          .string()
          .trim()
          .max(3000)
          .optional()
          .transform((v) => v || null),
        disagreementRightStated: checkbox,
        decidedOn: pastDate(today, "The decision date"),
        /** The decision letter's language; blank is the extension letter's, else the patient's own. */
        letterLanguage: writtenLanguageField,
        reasonEnglish: englishBesideField(3000),
        version,
      })
      .superRefine(englishBesideSpanishLetter),
    respond: z.object({ sentOn: pastDate(today, "The date sent"), version }),
    disagreement: z.object({
      statement: text(10, 5000, "Record the patient's statement of disagreement in their words."),
      receivedOn: pastDate(today, "The received date"),
      version,
    }),
  };
}

export const RightsWorklistQuerySchema = z.object({
  type: z.preprocess(blankToUndefined, z.enum(RIGHTS_REQUEST_TYPES).optional()),
  status: z.preprocess(blankToUndefined, z.enum(["open", "answered"]).optional()),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type RightsWorklistQuery = z.infer<typeof RightsWorklistQuerySchema>;

type Schemas = ReturnType<typeof rightsSchemas>;
/** What the domain takes: the alternates may be left out (they belong to one kind of request only). */
export type FileRequestInput = Omit<z.infer<Schemas["file"]>, "alternateEmail" | "alternatePhone"> &
  Partial<Pick<z.infer<Schemas["file"]>, "alternateEmail" | "alternatePhone">>;
/** What the domain takes: the English reason beside Spanish may be left out. */
type EnglishOptional<T extends { reasonEnglish: string | null }> = Omit<T, "reasonEnglish"> &
  Partial<Pick<T, "reasonEnglish">>;
export type ExtendInput = EnglishOptional<z.infer<Schemas["extend"]>>;
export type DecideInput = EnglishOptional<z.infer<Schemas["decide"]>>;
export type RespondInput = z.infer<Schemas["respond"]>;
export type DisagreementInput = z.infer<Schemas["disagreement"]>;
