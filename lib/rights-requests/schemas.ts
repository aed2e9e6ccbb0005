import { z } from "zod";
import type { WrittenLanguage } from "@/db/schema/languages";
import { RIGHTS_DECISIONS, RIGHTS_REQUEST_TYPES, type RightsRequestType } from "@/db/schema/rights-requests";
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

export const RIGHTS_TYPE_LABELS: Record<RightsRequestType, string> = {
  access: "Access to or a copy of records",
  amendment: "Amendment of records",
  accounting: "Accounting of disclosures",
  restriction: "Restriction of uses or disclosures",
  "confidential-communication": "Confidential communications",
};
export const RIGHTS_DECISION_LABELS: Record<(typeof RIGHTS_DECISIONS)[number], string> = {
  granted: "Granted",
  "partly-granted": "Partly granted",
  denied: "Denied",
};

/** The grounds the rule allows for refusing each kind of request, to choose from. */
export const DENIAL_REASONS: Record<RightsRequestType, Record<string, string>> = {
  access: {
    "psychotherapy-notes": "Psychotherapy notes (164.524(a)(1)(i))",
    "legal-proceedings": "Compiled for a legal proceeding (164.524(a)(1)(ii))",
    "endangers-safety":
      "A licensed professional judged access likely to endanger life or safety (164.524(a)(3))",
    "not-held": "We do not hold the records; the patient was told who does (164.524(d)(3))",
  },
  amendment: {
    "accurate-complete": "The record is accurate and complete (164.526(a)(2)(iv))",
    "not-created-here": "We did not create the record (164.526(a)(2)(i))",
    "not-designated-set": "Not part of the designated record set (164.526(a)(2)(ii))",
    "not-available": "Not available for inspection under 164.524 (164.526(a)(2)(iii))",
  },
  accounting: {
    "exempt-disclosures": "Only disclosures exempt from accounting (164.528(a)(1))",
    suspended: "Accounting suspended at a health oversight agency's request (164.528(a)(2))",
  },
  restriction: {
    "not-required": "We are not required to agree to this restriction (164.522(a)(1)(ii))",
    "emergency-treatment": "Needed for emergency treatment (164.522(a)(1)(iii))",
  },
  "confidential-communication": {
    "not-reasonable": "The way asked for is not reasonably possible; an alternative was offered",
  },
};

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
  };
}

export function rightsSchemas(today: string) {
  const request = rightsRequestFields({
    type: "Choose the kind of request.",
    details: "Say what the patient asks for.",
  });
  return {
    file: z.object({
      type: request.type,
      receivedOn: pastDate(today, "The received date"),
      details: request.details,
      requestedForm: request.requestedForm,
      healthPlanSelfPay: request.healthPlanSelfPay,
    }),
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
export type FileRequestInput = z.infer<Schemas["file"]>;
/** What the domain takes: the English reason beside Spanish may be left out. */
type EnglishOptional<T extends { reasonEnglish: string | null }> = Omit<T, "reasonEnglish"> &
  Partial<Pick<T, "reasonEnglish">>;
export type ExtendInput = EnglishOptional<z.infer<Schemas["extend"]>>;
export type DecideInput = EnglishOptional<z.infer<Schemas["decide"]>>;
export type RespondInput = z.infer<Schemas["respond"]>;
export type DisagreementInput = z.infer<Schemas["disagreement"]>;
