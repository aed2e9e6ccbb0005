import type { FieldSpec } from "@/components/action-form";
import type { WrittenLanguage } from "@/lib/written-language";

/** The patient's language need, as the domain reads it for a form that writes to them. */
export interface WritingForNeed {
  preferredLanguage: string;
  interpreterNeeded: boolean;
  defaultLanguage: WrittenLanguage;
}

export const WRITTEN_LANGUAGE_OPTIONS = [
  { value: "en", label: "English" },
  { value: "es", label: "Spanish" },
];

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });

/** A language tag as staff read it ("es" → "Spanish"); the tag itself when it is not one. */
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * Who the words go to, in which language, above every form whose text reaches the patient: their
 * preferred language, whether they need an interpreter, and that what is typed goes as written.
 */
export function WritingFor({
  need,
  goesTo = "the patient and family",
}: {
  need: WritingForNeed;
  goesTo?: string;
}) {
  return (
    <div className="mb-4 space-y-1 rounded border border-sky-200 bg-sky-50 p-3 text-sm">
      <p>
        <strong>Patient's language:</strong> {languageName(need.preferredLanguage)} ·{" "}
        {need.interpreterNeeded ? "Needs an interpreter" : "No interpreter needed"}
      </p>
      <p>What you write here goes to {goesTo} word for word, as you write it.</p>
    </div>
  );
}

/** The "Written in" select: the text's own language when editing, else the patient's. */
export function writtenInField(defaultValue: string, name = "language"): FieldSpec {
  return { kind: "select", name, label: "Written in", options: WRITTEN_LANGUAGE_OPTIONS, defaultValue };
}

/** An optional English version beside a text written in Spanish. */
export function englishBesideField(name: string, label: string, defaultValue?: string | null): FieldSpec {
  return {
    kind: "textarea",
    name,
    label: `${label}, in English too (optional)`,
    hint: "Only beside a text written in Spanish: family and colleagues who read English see this.",
    maxLength: 5000,
    defaultValue: defaultValue ?? undefined,
  };
}
