import type { FieldSpec } from "@/components/action-form";
import {
  languageName,
  WRITTEN_LANGUAGE_OPTIONS,
  WritingFor,
  type WritingForNeed,
} from "@/components/language/writing-for";
import type { Fact } from "@/components/ui/facts";
import type { PlanDetail } from "@/lib/care-plans";

// A goal or step may have a version in plain words for the patient, written in the plan's
// plain-words language: the portal shows the patient that, and the description (in English)
// only when there is none. The form field, the line that shows it, and who it goes to live here.

/** The languages a plan's plain words are written in (those the portal speaks). */
export type PlainWordsLanguage = PlanDetail["plainWordsLanguage"];

/** The plan's "Plain words written in" select: the plan's own when editing, the patient's when starting one. */
export function plainWordsLanguageField(defaultValue: PlainWordsLanguage): FieldSpec {
  return {
    kind: "select",
    name: "plainWordsLanguage",
    label: "Plain words written in",
    options: WRITTEN_LANGUAGE_OPTIONS,
    defaultValue,
  };
}

/** The optional "In plain words for the patient" field of a goal's or a step's form. */
export function plainWordsField(language: PlainWordsLanguage, defaultValue?: string | null): FieldSpec {
  return {
    kind: "textarea",
    name: "plainWords",
    label: "In plain words for the patient (optional)",
    hint: `What the patient sees in the portal, word for word, written in ${languageName(language)} (the plan's plain-words language). Left empty, the patient sees the description, in English.`,
    maxLength: 1000,
    defaultValue: defaultValue ?? undefined,
  };
}

/** The plain words beside an item on the staff page, marked with their language; no row without them. */
export function plainWordsFact(language: PlainWordsLanguage, text: string | null): Fact {
  return {
    label: `In plain words (${languageName(language)})`,
    value: text ? <span lang={language}>{text}</span> : null,
  };
}

/** Above every form whose plain words reach the patient: their language and interpreter need. */
export function PlainWordsFor({ need }: { need: WritingForNeed | null }) {
  return need ? <WritingFor need={need} goesTo="the patient in the portal" /> : null;
}
