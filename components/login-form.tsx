"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { EMPTY_FORM, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, EMPTY_FORM);
  return (
    <form action={formAction} noValidate aria-describedby={state.message ? "login-message" : undefined}>
      {state.message ? (
        <Alert tone="error" id="login-message">
          {state.message}
        </Alert>
      ) : null}
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        error={state.errors?.email}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.password}
      />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
