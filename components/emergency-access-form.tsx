"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field, FieldError, TextAreaField } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export function EmergencyAccessForm({ action, minutes }: { action: FormAction; minutes: number }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  const confirmError = state.errors?.confirm?.length ? "confirm-error" : undefined;
  return (
    <form action={formAction} noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <Field
        id="patientMrn"
        label="Patient MRN"
        required
        defaultValue={state.values?.patientMrn}
        error={state.errors?.patientMrn}
        hint="The medical record number, e.g. CB-100001."
      />
      <TextAreaField
        id="reason"
        label="Reason for access"
        required
        maxLength={1000}
        defaultValue={state.values?.reason}
        error={state.errors?.reason}
        hint="Who needs what, and why it cannot wait for a caseload assignment. An administrator reads this."
      />
      <div className="mb-4 flex items-start gap-2">
        <input
          id="confirm"
          name="confirm"
          type="checkbox"
          className="mt-1 size-5"
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError}
        />
        <label htmlFor="confirm">
          I understand that this access lasts{" "}
          {minutes / 60 >= 1 ? `${minutes / 60} hours` : `${minutes} minutes`}, is logged, and will be
          reviewed by an administrator.
        </label>
      </div>
      <FieldError id={confirmError} error={state.errors?.confirm} />
      <SubmitButton pendingText="Opening…" variant="danger">
        Open the record
      </SubmitButton>
    </form>
  );
}
