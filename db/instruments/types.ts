import type { Questionnaire } from "fhir/r4";
import type { NeedDomain } from "../schema/screening";

/**
 * How one domain is scored, as data (kept in `questionnaires.scoring`), so another instrument is
 * added as data without code (lib/screening/score.ts applies them):
 * - `any-of`: positive when any of `items` has any of `codes` among its answers;
 * - `sum-at-least`: the chosen options' item scores (the `ordinalValue` extension on each answer
 *   option) summed over `items`; positive at `threshold` or more.
 * `urgent` marks a domain whose positive result needs the care team the same day (a "safety-screen"
 * notification to the caseload's advocates) and the patient told where to get help now.
 */
export type ScoringRule = { domain: NeedDomain; items: string[]; urgent?: boolean } & (
  | { kind: "any-of"; codes: string[] }
  | { kind: "sum-at-least"; threshold: number }
);

/** One screening instrument: a FHIR R4 Questionnaire and its scoring, one row per url and version. */
export interface Instrument {
  url: string;
  version: string;
  title: string;
  resource: Questionnaire & { url: string; version: string };
  scoring: ScoringRule[];
}

/** FHIR's core extensions the instruments use (R4). */
export const FHIR_EXTENSIONS = {
  /** A string's text in another language, on the string's `_element` (`_text`, `_display`). */
  translation: "http://hl7.org/fhir/StructureDefinition/translation",
  /** An answer option's score, summed by a `sum-at-least` rule. */
  ordinalValue: "http://hl7.org/fhir/StructureDefinition/ordinalValue",
  /** An answer option that cannot be chosen with any other ("None of the above"). */
  optionExclusive: "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive",
} as const;
