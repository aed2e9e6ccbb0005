import { Card } from "@/components/ui/card";
import type { FieldLinks } from "@/components/ui/form-refusal";
import type { FormAction } from "@/components/ui/form-state";
import { QuestionForm, type QuestionFormWords, type QuestionView } from "./question-form";

/** An instrument's item as a page passes it: a question, or words between questions. */
export type ScreeningItemView =
  | (QuestionView & { required: boolean })
  | { linkId: string; kind: "display"; text: string; english?: { text: string } };

/** An instrument's item as the screening module localizes it (lib/screening LocalizedInstrument). */
interface ItemData {
  linkId: string;
  kind: "single" | "multiple" | "display";
  number: string | null;
  text: string;
  required: boolean;
  options: { code: string; label: string }[];
}

/** The items to show, with the English beside each when the screening is in another language. */
export function itemViews(
  items: readonly ItemData[],
  english?: readonly ItemData[] | null,
): ScreeningItemView[] {
  return items.map((item) => {
    const en = english?.find((e) => e.linkId === item.linkId);
    if (item.kind === "display")
      return {
        linkId: item.linkId,
        kind: "display",
        text: item.text,
        ...(en ? { english: { text: en.text } } : {}),
      };
    return {
      ...item,
      kind: item.kind,
      ...(en
        ? {
            english: { text: en.text, options: Object.fromEntries(en.options.map((o) => [o.code, o.label])) },
          }
        : {}),
    };
  });
}

/** The id of a question's fieldset on the page: where a refused finish links to. */
export function questionAnchor(linkId: string): string {
  return `question-${linkId}`;
}

/**
 * The finish form's links to its questions: a finish refused with questions unanswered names them
 * by linkId, and the refusal then links to each by the number the instrument prints.
 */
export function questionLinks(
  items: readonly ScreeningItemView[],
  intro: string,
  name: (number: string) => string,
): FieldLinks {
  const fields: FieldLinks["fields"] = {};
  for (const item of items) {
    if (item.kind === "display") continue;
    const label = item.number ?? item.text;
    fields[item.linkId] = { label, name: name(label), href: `#${questionAnchor(item.linkId)}` };
  }
  return { intro, fields };
}

/** Counts the questions and those answered, for the page's "3 of 10 answered". */
export function answeredCount(
  items: readonly ScreeningItemView[],
  answers: Record<string, readonly string[]>,
) {
  const questions = items.filter((i) => i.kind !== "display");
  return {
    total: questions.length,
    answered: questions.filter((q) => (answers[q.linkId]?.length ?? 0) > 0).length,
  };
}

/**
 * The screening's questions, each in its own form saved on its own, with the instrument's words
 * between them; every question says whether it is answered. The same list for staff and portal.
 */
export function ScreeningQuestions({
  items,
  answers,
  responseId,
  version,
  action,
  words,
  label,
}: {
  items: readonly ScreeningItemView[];
  answers: Record<string, readonly string[]>;
  responseId: string;
  version: number;
  action: FormAction;
  words: QuestionFormWords;
  /** The list's name for screen readers. */
  label: string;
}) {
  return (
    <ol aria-label={label} className="space-y-4">
      {items.map((item) =>
        item.kind === "display" ? (
          <li key={item.linkId} className="max-w-prose list-none">
            <p className="font-medium">{item.text}</p>
            {item.english ? (
              <p lang="en" className="text-sm text-slate-700">
                {item.english.text}
              </p>
            ) : null}
          </li>
        ) : (
          <Card as="li" key={item.linkId} padding={4} className="list-none">
            <QuestionForm
              action={action}
              responseId={responseId}
              version={version}
              question={item}
              chosen={answers[item.linkId] ?? []}
              words={words}
              anchor={questionAnchor(item.linkId)}
            />
          </Card>
        ),
      )}
    </ol>
  );
}
