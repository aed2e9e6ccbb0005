"use client";

import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field";
import { EMPTY_FORM } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SecurityWords } from "@/lib/i18n/security";
import { type EnrolState, RecoveryCodes } from "./totp-enrolment";

/** Ten new recovery codes in place of the old: a box to tick first, then the codes, shown once. */
export function NewCodesForm({
  action,
  continueTo,
  words: w,
}: {
  action: (prev: EnrolState, data: FormData) => Promise<EnrolState>;
  continueTo: string;
  words: Pick<
    SecurityWords,
    | "newCodes"
    | "newCodesConfirm"
    | "newCodesUnderstood"
    | "verifying"
    | "codesTitle"
    | "codesIntro"
    | "codesSaved"
  >;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM as EnrolState);
  const id = useId();
  if (state.recoveryCodes)
    return <RecoveryCodes codes={state.recoveryCodes} continueTo={continueTo} words={w} />;
  const error = state.errors?.understood;
  return (
    <form action={formAction} noValidate>
      {state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <p className="mb-2">{w.newCodesConfirm}</p>
      <div className="mb-4 flex items-start gap-2">
        <input
          id={`${id}-understood`}
          type="checkbox"
          name="understood"
          value="yes"
          className="mt-1"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-understood-error` : undefined}
        />
        <label htmlFor={`${id}-understood`}>{w.newCodesUnderstood}</label>
      </div>
      <FieldError id={error ? `${id}-understood-error` : undefined} error={error} />
      <SubmitButton variant="secondary" pendingText={w.verifying}>
        {w.newCodes}
      </SubmitButton>
    </form>
  );
}
