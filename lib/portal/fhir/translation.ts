import "server-only";
import type { Element } from "fhir/r4";

/** FHIR's core extension for a string's translation into another language. */
export const TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";

/**
 * The English version staff wrote beside a Spanish text, as FHIR carries it: a `translation`
 * extension on the string's element (`_contentString`, `_comment`), the text itself staying in
 * the resource's `language`. Nothing when there is no English version.
 */
export function englishBeside(english: string | null | undefined): Element | undefined {
  if (!english) return undefined;
  return {
    extension: [
      {
        url: TRANSLATION_EXTENSION,
        extension: [
          { url: "lang", valueCode: "en" },
          { url: "content", valueString: english },
        ],
      },
    ],
  };
}

/** A payload string with its English version beside it, when there is one. */
export function payloadText(text: string, english: string | null | undefined) {
  const element = englishBeside(english);
  return element ? { contentString: text, _contentString: element } : { contentString: text };
}
