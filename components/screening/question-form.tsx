"use client";

import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/** One question as the page shows it: its options coded, in the reader's language. */
export interface QuestionView {
  linkId: string;
  kind: "single" | "multiple";
  number: string | null;
  text: string;
  options: { code: string; label: string }[];
  /** The same in English, for staff reading a Spanish screening aloud; none otherwise. */
  english?: { text: string; options: Record<string, string> };
}

export interface QuestionFormWords {
  save: string;
  saving: string;
  saved: string;
  answered: string;
  notAnswered: string;
  chooseAll: string;
}

/**
 * One question in a small form of its own, saved on its own (a Save button; no script needed):
 * a fieldset whose legend is the question, radio buttons for one answer or boxes for several,
 * the error tied to the group, and whether it is answered said in words. The fieldset takes
 * `anchor` as its id (and focus), for a refused finish to link straight to it.
 */
export function QuestionForm({
  action,
  responseId,
  version,
  question: q,
  chosen,
  words,
  anchor,
}: {
  action: FormAction;
  responseId: string;
  version: number;
  question: QuestionView;
  chosen: readonly string[];
  words: QuestionFormWords;
  anchor: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const id = useId();
  const error = state.errors?.answer;
  const errorId = error?.length ? `${id}-error` : undefined;
  const hintId = q.kind === "multiple" ? `${id}-hint` : undefined;
  const statusId = `${id}-status`;
  // After a refused save, what she chose stays chosen; otherwise what is saved.
  const checked = state.values?.answer !== undefined ? state.values.answer.split(",") : chosen;
  const answered = chosen.length > 0;
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="responseId" value={responseId} />
      <input type="hidden" name="linkId" value={q.linkId} />
      <input key={`version:${version}`} type="hidden" name="version" defaultValue={String(version)} />
      <fieldset
        id={anchor}
        tabIndex={-1}
        className="scroll-mt-4 focus:outline-2 focus:outline-offset-4 focus:outline-brand-700"
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        <legend className="font-medium">
          {q.number ? <span className="mr-1">{q.number}.</span> : null}
          {q.text}
          {q.english ? (
            <span lang="en" className="mt-1 block text-sm font-normal text-slate-700">
              {q.english.text}
            </span>
          ) : null}
        </legend>
        {hintId ? (
          <p id={hintId} className="text-sm text-slate-700">
            {words.chooseAll}
          </p>
        ) : null}
        <div className="mt-2 space-y-2">
          {q.options.map((o) => (
            <div key={`${o.code}:${checked.includes(o.code)}`} className="flex items-start gap-2">
              <input
                id={`${id}-${o.code}`}
                type={q.kind === "single" ? "radio" : "checkbox"}
                name="answer"
                value={o.code}
                defaultChecked={checked.includes(o.code)}
                className="mt-0.5 size-5 shrink-0"
              />
              <label htmlFor={`${id}-${o.code}`} className="min-w-0 break-words">
                {o.label}
                {q.english?.options[o.code] ? (
                  <span lang="en" className="block text-sm text-slate-700">
                    {q.english.options[o.code]}
                  </span>
                ) : null}
              </label>
            </div>
          ))}
        </div>
        <FieldError id={errorId} error={error} />
      </fieldset>
      {state.message && !errorId ? (
        <Alert tone="error">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText={words.saving}>
          {words.save}
        </SubmitButton>
        <p id={statusId} role="status" className="text-sm">
          {state.ok ? `${words.saved} ` : ""}
          <span className={answered ? "font-medium text-green-800" : "text-slate-700"}>
            {answered ? `✓ ${words.answered}` : words.notAnswered}
          </span>
        </p>
      </div>
    </form>
  );
}
