"use client";

import { useActionState, useId, useRef } from "react";
import { DraftRestoredNotice, useFormDraft } from "@/components/drafts/form-draft";
import { Alert } from "@/components/ui/alert";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

type Option = { value: string; label: string };

/** The words of a message form, in the page's language. */
export interface MessageFormWords {
  body: string;
  attachment: string;
  attachmentHint: string;
  submit: string;
  pending: string;
  optional?: string;
  topic?: string;
  subject?: string;
  language?: string;
  languageHint?: string;
  /** Staff: the label and hint of the English version beside a Spanish message. */
  bodyEnglish?: string;
  bodyEnglishHint?: string;
  share?: string;
}

/**
 * A message with an optional file (PDF, JPEG or PNG; checked by its bytes on the server): the
 * portal's start and reply forms, and staff's, which also choose the language and whether the
 * patient sees it. Labels on every field, errors tied to each.
 */
export function MessageForm({
  action,
  words,
  topics,
  withSubject = false,
  languages,
  defaultLanguage,
  share,
  draftKey = "message",
}: {
  action: FormAction;
  words: MessageFormWords;
  topics?: Option[];
  withSubject?: boolean;
  languages?: Option[];
  defaultLanguage?: string;
  /** Staff: a box to share the message with the patient, ticked or not at first. */
  share?: { defaultChecked: boolean };
  /** Names the draft (ADR 015) where the page has more than one message form: the thread's id. */
  draftKey?: string;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The file is never kept: only the words typed.
  const draft = useFormDraft(formRef, draftKey, state);
  const fileError = state.errors?.attachment;
  const fileErrorId = fileError?.length ? `${id}-attachment-error` : undefined;
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl" {...draft.formProps}>
      {draft.restored ? <DraftRestoredNotice onDiscard={draft.discard} /> : null}
      {state.ok ? (
        <Alert tone="success">
          <p>{state.ok}</p>
        </Alert>
      ) : null}
      {state.message ? (
        <Alert tone="error">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      {topics && words.topic ? (
        <SelectField
          id={`${id}-topic`}
          name="topic"
          label={words.topic}
          options={topics}
          defaultValue={state.values?.topic}
          error={state.errors?.topic}
        />
      ) : null}
      {withSubject && words.subject ? (
        <Field
          id={`${id}-subject`}
          name="subject"
          label={words.subject}
          required
          maxLength={120}
          defaultValue={state.values?.subject}
          error={state.errors?.subject}
        />
      ) : null}
      <TextAreaField
        id={`${id}-body`}
        name="body"
        label={words.body}
        required
        maxLength={5000}
        defaultValue={state.values?.body}
        error={state.errors?.body}
      />
      {languages && words.language ? (
        <SelectField
          id={`${id}-language`}
          name="language"
          label={words.language}
          options={languages}
          defaultValue={state.values?.language ?? defaultLanguage}
          error={state.errors?.language}
        />
      ) : null}
      {languages && words.languageHint ? (
        <p className="-mt-3 mb-4 text-sm text-slate-700">{words.languageHint}</p>
      ) : null}
      {languages && words.bodyEnglish ? (
        <TextAreaField
          id={`${id}-body-english`}
          name="bodyEnglish"
          label={words.bodyEnglish}
          hint={words.bodyEnglishHint}
          maxLength={5000}
          defaultValue={state.values?.bodyEnglish}
          error={state.errors?.bodyEnglish}
        />
      ) : null}
      {share && words.share ? (
        <div className="mb-4 flex items-center gap-2">
          <input
            id={`${id}-shared`}
            name="shared"
            type="checkbox"
            className="size-5"
            defaultChecked={state.values ? state.values.shared === "on" : share.defaultChecked}
          />
          <label htmlFor={`${id}-shared`}>{words.share}</label>
        </div>
      ) : null}
      <div className="mb-4">
        <label htmlFor={`${id}-attachment`} className="block font-medium">
          {words.attachment}
          {words.optional ? <span className="font-normal text-slate-600"> ({words.optional})</span> : null}
        </label>
        <p id={`${id}-attachment-hint`} className="text-sm text-slate-600">
          {words.attachmentHint}
        </p>
        <input
          id={`${id}-attachment`}
          name="attachment"
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid={fileErrorId ? true : undefined}
          aria-describedby={[`${id}-attachment-hint`, fileErrorId].filter(Boolean).join(" ")}
          className="mt-1 block w-full text-base"
        />
        <FieldError id={fileErrorId} error={fileError} />
      </div>
      <SubmitButton pendingText={words.pending}>{words.submit}</SubmitButton>
    </form>
  );
}
