"use client";

import Link from "next/link";
import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { EMPTY_FORM, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SecurityWords } from "@/lib/i18n/security";

export type EnrolState = FormState & { recoveryCodes?: string[] };

/**
 * Adding an authenticator app: the QR code (drawn on the server) and the setup key, a field for the
 * first code, then the ten recovery codes, shown once, and the way on.
 */
export function TotpEnrolment({
  action,
  qrCode,
  setupKey,
  continueTo,
  words: w,
}: {
  action: (prev: EnrolState, data: FormData) => Promise<EnrolState>;
  qrCode: string;
  setupKey: string;
  continueTo: string;
  words: Pick<
    SecurityWords,
    | "enrolSteps"
    | "qrAlt"
    | "setupKey"
    | "code"
    | "codeHint"
    | "confirm"
    | "confirming"
    | "codesTitle"
    | "codesIntro"
    | "codesSaved"
  >;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM as EnrolState);
  const id = useId();
  if (state.recoveryCodes)
    return <RecoveryCodes codes={state.recoveryCodes} continueTo={continueTo} words={w} />;
  return (
    <div>
      <ol className="mb-4 list-decimal space-y-1 pl-5">
        {w.enrolSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {/* biome-ignore lint/performance/noImgElement: a data URL drawn on the server, nothing to optimise */}
      <img src={qrCode} alt={w.qrAlt} width={200} height={200} className="mb-4 border border-slate-300" />
      <div className="mb-4">
        <label htmlFor={`${id}-key`} className="block font-medium">
          {w.setupKey}
        </label>
        {/* Read-only: to select and copy, or read aloud, when the QR code cannot be scanned. */}
        <input
          id={`${id}-key`}
          readOnly
          value={setupKey}
          className="mt-1 block w-full rounded border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-lg tracking-wider"
        />
      </div>
      <form action={formAction} noValidate>
        {state.message ? <Alert tone="error">{state.message}</Alert> : null}
        <Field
          id={`${id}-code`}
          name="code"
          label={w.code}
          hint={w.codeHint}
          required
          autoComplete="one-time-code"
          error={state.errors?.code}
        />
        <SubmitButton pendingText={w.confirming}>{w.confirm}</SubmitButton>
      </form>
    </div>
  );
}

export function RecoveryCodes({
  codes,
  continueTo,
  words: w,
}: {
  codes: string[];
  continueTo: string;
  words: Pick<SecurityWords, "codesTitle" | "codesIntro" | "codesSaved">;
}) {
  return (
    <section aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" className="mb-2">
        {w.codesTitle}
      </h2>
      <p className="mb-4">{w.codesIntro}</p>
      <ul aria-label={w.codesTitle} className="mb-6 grid grid-cols-2 gap-2 font-mono text-lg">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Link href={continueTo} className="font-medium text-brand-700 underline">
        {w.codesSaved}
      </Link>
    </section>
  );
}
