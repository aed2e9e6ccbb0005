import type { Element, QuestionnaireItem, QuestionnaireItemAnswerOption } from "fhir/r4";
import { FHIR_EXTENSIONS } from "./types";

// Builders that keep an instrument's file readable as data: English in the element, Spanish in
// FHIR's `translation` extension beside it, as any FHIR reader expects.

const LOINC = "http://loinc.org";

/** English and Spanish of one string. */
export type Words = readonly [en: string, es: string];

/** The `_element` carrying a string's Spanish text. */
export function spanish(es: string): Element {
  return {
    extension: [
      {
        url: FHIR_EXTENSIONS.translation,
        extension: [
          { url: "lang", valueCode: "es" },
          { url: "content", valueString: es },
        ],
      },
    ],
  };
}

/** An answer option coded in LOINC, with its Spanish display and, where it scores, its score. */
export function option(
  code: string,
  [en, es]: Words,
  extra: { score?: number; exclusive?: true } = {},
): QuestionnaireItemAnswerOption {
  const extension = [
    ...(extra.score === undefined ? [] : [{ url: FHIR_EXTENSIONS.ordinalValue, valueDecimal: extra.score }]),
    ...(extra.exclusive ? [{ url: FHIR_EXTENSIONS.optionExclusive, valueBoolean: true }] : []),
  ];
  return {
    ...(extension.length ? { extension } : {}),
    valueCoding: { system: LOINC, code, display: en, _display: spanish(es) },
  };
}

/** A required question with its LOINC code: one answer, or any number (`repeats`). */
export function question(
  linkId: string,
  prefix: string,
  loinc: string,
  [en, es]: Words,
  answerOption: QuestionnaireItemAnswerOption[],
  repeats = false,
): QuestionnaireItem {
  return {
    linkId,
    prefix,
    code: [{ system: LOINC, code: loinc }],
    text: en,
    _text: spanish(es),
    type: "choice",
    required: true,
    repeats,
    answerOption,
  };
}

/** Words shown between questions, answering nothing. */
export function display(linkId: string, [en, es]: Words): QuestionnaireItem {
  return { linkId, text: en, _text: spanish(es), type: "display" };
}
