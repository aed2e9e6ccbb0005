"use client";

import Link from "next/link";
import { useActionState, useId, useRef } from "react";
import { DraftRestoredNotice, useFormDraft } from "@/components/drafts/form-draft";
import { Alert } from "@/components/ui/alert";
import { TextAreaField } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export interface CorrectionWords {
  label: string;
  hint: string;
  submit: string;
  pending: string;
}

/**
 * "What is wrong?" beside a timeline item: one field in her words. Once filed, it says so and
 * links to the request instead of offering the form again.
 */
export function CorrectionForm({
  action,
  words,
  subject,
}: {
  action: FormAction;
  words: CorrectionWords;
  /** The item it is about ("kind:id"): names the draft (ADR 015), never put back beside another item. */
  subject: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(formRef, `correction:${subject}`, state);
  if (state.ok) {
    return (
      <Alert tone="success">
        <p>{state.ok}</p>
        {state.link ? (
          <p className="mt-1">
            <Link href={state.link.url}>{state.link.label}</Link>
          </p>
        ) : null}
      </Alert>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl" {...draft.formProps}>
      {draft.restored ? <DraftRestoredNotice onDiscard={draft.discard} /> : null}
      {state.message ? (
        <Alert tone="error">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      <TextAreaField
        id={`${id}-details`}
        name="details"
        label={words.label}
        hint={words.hint}
        required
        maxLength={3000}
        defaultValue={state.values?.details}
        error={state.errors?.details}
      />
      <SubmitButton pendingText={words.pending}>{words.submit}</SubmitButton>
    </form>
  );
}
