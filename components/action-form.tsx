"use client";

import { useActionState, useId, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, type GroupBox } from "@/components/ui/checkbox-group";
import { COPY_WORDS_EN, CopyLink, type CopyWords } from "@/components/ui/copy-link";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export type FieldSpec =
  | {
      kind: "text" | "email" | "password" | "url" | "date" | "datetime-local";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
      defaultValue?: string;
    }
  | {
      kind: "textarea";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      maxLength?: number;
      defaultValue?: string;
    }
  | {
      kind: "select";
      name: string;
      label: string;
      options: { value: string; label: string }[];
      defaultValue?: string;
    }
  | { kind: "checkbox"; name: string; label: string; defaultChecked?: boolean }
  /** A fieldset of boxes, each its own field; `name` keys the group. */
  | { kind: "checkboxes"; name: string; label: string; hint?: string; boxes: GroupBox[] };

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
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const prefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl">
      {state.ok ? (
        <Alert tone="success">
          <p>{state.ok}</p>
        </Alert>
      ) : null}
      {state.link ? (
        // Outside the success message, so that only "Copied" is announced when it is copied.
        <CopyLink id={`${prefix}-link`} label={state.link.label} url={state.link.url} words={copyWords} />
      ) : null}
      {state.message ? (
        <Alert tone="error">
          <p>{state.message}</p>
          {state.details?.length ? (
            <ul className="mt-2 list-disc pl-5">
              {state.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {hidden
        ? Object.entries(hidden).map(([name, value]) => (
            // Keyed by value: a new version from the server is a new element, never a stale one
            // left behind by the form reset that follows each submission.
            <input key={`${name}:${value}`} type="hidden" name={name} defaultValue={value} />
          ))
        : null}
      {fields.map((f) => {
        const id = `${prefix}-${f.name}`;
        const error = state.errors?.[f.name];
        if (f.kind === "select") {
          return (
            <SelectField
              key={f.name}
              id={id}
              name={f.name}
              label={f.label}
              options={f.options}
              defaultValue={state.values?.[f.name] ?? f.defaultValue}
              error={error}
            />
          );
        }
        if (f.kind === "textarea") {
          return (
            <TextAreaField
              key={f.name}
              id={id}
              name={f.name}
              label={f.label}
              hint={f.hint}
              required={f.required}
              maxLength={f.maxLength}
              defaultValue={state.values?.[f.name] ?? f.defaultValue}
              error={error}
            />
          );
        }
        if (f.kind === "checkboxes") {
          const { kind: _, name, label, ...group } = f;
          return <CheckboxGroup key={name} id={id} legend={label} values={state.values} {...group} />;
        }
        if (f.kind === "checkbox") {
          const errorId = error?.length ? `${id}-error` : undefined;
          return (
            <div key={f.name} className="mb-4">
              <div className="flex items-center gap-2">
                <input
                  id={id}
                  name={f.name}
                  type="checkbox"
                  className="size-5"
                  defaultChecked={state.values ? state.values[f.name] === "on" : f.defaultChecked}
                  aria-describedby={errorId}
                />
                <label htmlFor={id}>{f.label}</label>
              </div>
              <FieldError id={errorId} error={error} />
            </div>
          );
        }
        return (
          <Field
            key={f.name}
            id={id}
            name={f.name}
            type={f.kind}
            label={f.label}
            hint={f.hint}
            required={f.required}
            optionalLabel={optionalLabel}
            autoComplete={f.autoComplete ?? (f.kind === "password" ? "new-password" : undefined)}
            defaultValue={f.kind === "password" ? undefined : (state.values?.[f.name] ?? f.defaultValue)}
            error={error}
          />
        );
      })}
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
