import "server-only";
import { DomainError } from "@/lib/errors";

export type AnswerRefusal =
  | "unknown-question"
  | "unknown-option"
  | "empty"
  | "one-only"
  | "exclusive"
  | "unanswered"
  | "finished";

/** What each refusal says, given the question numbers it is about; the portal passes Spanish too. */
export type AnswerRefusalWords = Record<AnswerRefusal, (numbers: string[]) => string>;

const list = (numbers: string[]) => numbers.join(", ");

/** The start of the unanswered refusal, for a page that links each number to its question after it. */
export const UNANSWERED_INTRO_EN = "Answer every question before finishing. Not answered yet:";

export const ANSWER_REFUSALS_EN: AnswerRefusalWords = {
  "unknown-question": () => "That question is not in this screening.",
  "unknown-option": (n) => `Question ${list(n)}: choose one of the answers shown.`,
  empty: (n) => `Question ${list(n)}: choose an answer, then save.`,
  "one-only": (n) => `Question ${list(n)}: choose one answer only.`,
  exclusive: (n) => `Question ${list(n)}: “None of the above” cannot be chosen with another answer.`,
  unanswered: (n) => `${UNANSWERED_INTRO_EN} ${list(n)}.`,
  finished: () => "This screening is finished and cannot change. Start a new one to screen again.",
};

/**
 * A screening answer the instrument does not allow, a finish with questions unanswered, or a
 * change to a finished screening. It
 * names the questions by the numbers the instrument prints (and, when finishing, by linkId as the
 * form's fields), never an answer; `in` says it again in the reader's language.
 */
export class ScreeningAnswerError extends DomainError {
  constructor(
    readonly reason: AnswerRefusal,
    readonly numbers: string[],
    readonly linkIds: string[] = [],
    words: AnswerRefusalWords = ANSWER_REFUSALS_EN,
  ) {
    const message = words[reason](numbers);
    const fields =
      linkIds.length > 0 ? Object.fromEntries(linkIds.map((id) => [id, [message]])) : { answer: [message] };
    super(message, fields);
    this.name = "ScreeningAnswerError";
  }

  /** The same refusal in other words (the portal's language). */
  in(words: AnswerRefusalWords): ScreeningAnswerError {
    return new ScreeningAnswerError(this.reason, this.numbers, this.linkIds, words);
  }
}
