"use client";

import { useActionState, useId, useRef } from "react";
import { ActionFormField, type FieldSpec } from "@/components/action-form-field";
import { DraftRestoredNotice, useFormDraft } from "@/components/drafts/form-draft";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { COPY_WORDS_EN, CopyLink, type CopyWords } from "@/components/ui/copy-link";
import { type FieldLinks, FormRefusal } from "@/components/ui/form-refusal";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export type { FieldSpec };

/**
 * What tells a form's draft apart from the page's other forms: its fields and what it is about (a
 * hidden id), not the record's version, which a save by someone else moves on while the draft waits.
 */
function draftShape(fields: FieldSpec[], hidden: Record<string, string> | undefined): string {
  const about = Object.entries(hidden ?? {}).filter(([name]) => name !== "version");
  return [...fields.map((f) => f.name), ...about.map(([name, value]) => `${name}=${value}`)].join("&");
}

/**
 * A form for one server action, described as data so server pages can use it: labelled fields,
 * field errors from the action, the user's input kept, and an optional confirmation step.
 */
export function ActionForm({
  action,
  fields,
  submitLabel,
  pendingLabel = "Saving…",
  variant = "primary",
  confirm,
  hidden,
  optionalLabel,
  cancelLabel = "Cancel",
  copyWords = COPY_WORDS_EN,
  draftKey,
  fieldLinks,
}: {
  action: FormAction;
  fields: FieldSpec[];
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  /** Ask before submitting: for anything that cannot be undone quietly. */
  confirm?: { title: string; body: string; confirmLabel: string };
  hidden?: Record<string, string>;
  /** For pages in another language: the words the form itself adds. */
  optionalLabel?: string;
  cancelLabel?: string;
  /** For an answer that is a link to hand on (an invitation, a calendar address): the copy button's words. */
  copyWords?: CopyWords;
  /** Names the form's draft (ADR 015) where its fields and hidden values do not tell it apart. */
  draftKey?: string;
  /** Fields in other forms on the page that a refusal may name: it then links to each (`FormRefusal`). */
  fieldLinks?: FieldLinks;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const prefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const draft = useFormDraft(formRef, draftKey ?? draftShape(fields, hidden), state);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl" {...draft.formProps}>
      {draft.restored ? <DraftRestoredNotice onDiscard={draft.discard} /> : null}
      {state.ok ? (
        <Alert tone="success">
          <p>{state.ok}</p>
        </Alert>
      ) : null}
      {state.link ? (
        // Outside the success message, so that only "Copied" is announced when it is copied.
        <CopyLink id={`${prefix}-link`} label={state.link.label} url={state.link.url} words={copyWords} />
      ) : null}
      <FormRefusal state={state} links={fieldLinks} />
      {hidden
        ? Object.entries(hidden).map(([name, value]) => (
            // Keyed by value: a new version from the server is a new element, never a stale one
            // left behind by the form reset that follows each submission.
            <input key={`${name}:${value}`} type="hidden" name={name} defaultValue={value} />
          ))
        : null}
      {fields.map((f) => (
        <ActionFormField
          key={f.name}
          id={`${prefix}-${f.name}`}
          spec={f}
          values={state.values}
          error={state.errors?.[f.name]}
          optionalLabel={optionalLabel}
        />
      ))}
      {confirm ? (
        <>
          <Button
            type="button"
            variant={variant === "danger" ? "danger" : "primary"}
            onClick={() => dialogRef.current?.showModal()}
          >
            {submitLabel}
          </Button>
          <dialog
            ref={dialogRef}
            aria-labelledby={`${prefix}-confirm-title`}
            aria-describedby={`${prefix}-confirm-body`}
            className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/50"
          >
            <h2 id={`${prefix}-confirm-title`}>{confirm.title}</h2>
            <p id={`${prefix}-confirm-body`} className="my-4">
              {confirm.body}
            </p>
            <div className="flex gap-3">
              <Button
                type="button"
                variant="danger"
                onClick={() => {
                  dialogRef.current?.close();
                  formRef.current?.requestSubmit();
                }}
              >
                {confirm.confirmLabel}
              </Button>
              <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
                {cancelLabel}
              </Button>
            </div>
          </dialog>
        </>
      ) : (
        <SubmitButton variant={variant} pendingText={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      )}
    </form>
  );
}
