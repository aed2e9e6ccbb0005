import "server-only";
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from "fhir/r4";
import type { SocialRow } from "./load-social";
import type { PractitionerDirectory } from "./practitioner";

type Instrument = SocialRow<"instruments">;
type Answers = Record<string, string[]>;

/** The questionnaire's canonical as a response names it: the url and the version she answered. */
export function canonicalOf(q: Pick<Instrument, "url" | "version">): string {
  return `${q.url}|${q.version}`;
}

/**
 * An instrument she answered, as stored (its Spanish text stays in the translation extensions),
 * with the row's id, url, version and status: a stored resource may carry an id of its own that
 * is no UUID, and the row, not the copy, says whether the version is retired.
 */
export function toQuestionnaire(q: Instrument): Questionnaire & { id: string } {
  const stored = q.resource as Questionnaire;
  return {
    ...stored,
    resourceType: "Questionnaire",
    id: q.id,
    url: q.url,
    version: q.version,
    title: stored.title ?? q.title,
    status: q.status === "retired" ? "retired" : "active",
  };
}

/** One chosen code as FHIR answers it: the option's own coding (code, display, Spanish beside it). */
function answerOf(item: QuestionnaireItem, code: string): QuestionnaireResponseItemAnswer {
  const option = item.answerOption?.find((o) => o.valueCoding?.code === code || o.valueString === code);
  if (option?.valueCoding) return { valueCoding: option.valueCoding };
  if (option?.valueString !== undefined) return { valueString: option.valueString };
  // A code the options do not list (an answer value set): the code alone, never a guessed display.
  return { valueCoding: { code } };
}

/**
 * The answered items in the questionnaire's order and nesting, as a response must mirror it:
 * groups keep their answered children, questions their answers, display text and unanswered
 * questions are left out.
 */
function answeredItems(
  items: QuestionnaireItem[] | undefined,
  answers: Answers,
): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const item of items ?? []) {
    const nested = answeredItems(item.item, answers);
    const words = { linkId: item.linkId, text: item.text, _text: item._text };
    if (item.type === "group") {
      if (nested.length) out.push({ ...words, item: nested });
      continue;
    }
    const codes = answers[item.linkId] ?? [];
    if (!codes.length) continue;
    const answer = codes.map((code) => answerOf(item, code));
    // A question's own follow-up questions sit under its answer.
    if (nested.length) answer[answer.length - 1]!.item = nested;
    out.push({ ...words, answer });
  }
  return out;
}

/**
 * One screening: completed, or in progress with what she has answered so far. She is its source
 * (the answers are hers); its author is she when she filled it in the portal, or the staff member
 * who filled it in with her.
 */
export function toQuestionnaireResponse(
  r: SocialRow<"responses">,
  context: { instrument: Instrument | undefined; subject: Reference; people: PractitionerDirectory },
): QuestionnaireResponse & { id: string } {
  const questionnaire = context.instrument ? toQuestionnaire(context.instrument) : undefined;
  const author =
    r.source === "patient" ? context.subject : r.filledBy ? context.people.staff(r.filledBy) : undefined;
  return {
    resourceType: "QuestionnaireResponse",
    id: r.id,
    language: r.language,
    questionnaire: context.instrument ? canonicalOf(context.instrument) : undefined,
    status: r.status,
    subject: context.subject,
    authored: (r.completedAt ?? r.updatedAt).toISOString(),
    author,
    source: context.subject,
    item: answeredItems(questionnaire?.item, r.answers),
  };
}
