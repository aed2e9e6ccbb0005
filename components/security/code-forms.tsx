import { ActionForm } from "@/components/action-form";
import type { FormAction } from "@/components/ui/form-state";
import type { SecurityWords } from "@/lib/i18n/security";

/**
 * The two ways to prove a second factor with a code: from the authenticator app, or (folded away)
 * one of the recovery codes. Signing in and stepping up use the same forms with their own action.
 */
export function CodeForms({
  action,
  words: w,
  hidden = {},
  submitLabel = w.verify,
  totp = true,
}: {
  action: FormAction;
  words: SecurityWords;
  hidden?: Record<string, string>;
  submitLabel?: string;
  /** Whether the person has an authenticator app (someone with passkeys only is asked for no code). */
  totp?: boolean;
}) {
  return (
    <>
      {totp ? (
        <ActionForm
          action={action}
          submitLabel={submitLabel}
          pendingLabel={w.verifying}
          hidden={{ ...hidden, method: "totp" }}
          fields={[
            {
              kind: "text",
              name: "code",
              label: w.code,
              hint: w.codeHint,
              required: true,
              autoComplete: "one-time-code",
              // A one-time code is never kept as a draft (ADR 015).
              secret: true,
            },
          ]}
        />
      ) : null}
      <details className="mt-4">
        <summary className="cursor-pointer text-brand-700 underline">{w.useRecovery}</summary>
        <div className="mt-4">
          <ActionForm
            action={action}
            submitLabel={w.useRecoveryButton}
            pendingLabel={w.verifying}
            variant="secondary"
            hidden={{ ...hidden, method: "recovery" }}
            fields={[
              {
                kind: "text",
                name: "code",
                label: w.recoveryCode,
                hint: w.recoveryHint,
                required: true,
                autoComplete: "off",
                secret: true,
              },
            ]}
          />
        </div>
      </details>
    </>
  );
}
