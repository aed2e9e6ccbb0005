// Pure (no I/O, no secrets): the demo seed scores its screenings with it too.
import type { Questionnaire } from "fhir/r4";
import { FHIR_EXTENSIONS, type ScoringRule } from "@/db/instruments/types";
import type { NeedDomain } from "@/db/schema";

/** What scoring found in one domain: positive or not, the sum where the rule sums one. */
export interface DomainResult {
  domain: NeedDomain;
  positive: boolean;
  score: number | null;
  /** A positive result that needs the care team the same day (the rule's `urgent`). */
  urgent: boolean;
}

/** Each answer option's item score (`ordinalValue`), by question and code. */
function itemScores(resource: Questionnaire): Map<string, number> {
  const scores = new Map<string, number>();
  const visit = (items: Questionnaire["item"]) => {
    for (const item of items ?? []) {
      for (const o of item.answerOption ?? []) {
        const value = o.extension?.find((e) => e.url === FHIR_EXTENSIONS.ordinalValue)?.valueDecimal;
        if (value !== undefined && o.valueCoding?.code)
          scores.set(`${item.linkId}|${o.valueCoding.code}`, value);
      }
      visit(item.item);
    }
  };
  visit(resource.item);
  return scores;
}

/**
 * Scores a response's answers (linkId → codes) by the instrument's rules, one result per rule's
 * domain, in the rules' order. Pure: no I/O, the same answers always give the same results.
 */
export function scoreAnswers(
  instrument: { resource: Questionnaire; scoring: readonly ScoringRule[] },
  answers: Readonly<Record<string, readonly string[]>>,
): DomainResult[] {
  const scores = itemScores(instrument.resource);
  return instrument.scoring.map((rule) => {
    const chosen = rule.items.flatMap((linkId) => (answers[linkId] ?? []).map((code) => ({ linkId, code })));
    if (rule.kind === "any-of") {
      const positive = chosen.some(({ code }) => rule.codes.includes(code));
      return { domain: rule.domain, positive, score: null, urgent: positive && rule.urgent === true };
    }
    const sum = chosen.reduce((total, { linkId, code }) => total + (scores.get(`${linkId}|${code}`) ?? 0), 0);
    const positive = sum >= rule.threshold;
    return { domain: rule.domain, positive, score: sum, urgent: positive && rule.urgent === true };
  });
}
