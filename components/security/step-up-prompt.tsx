import { signOutAction } from "@/app/(portal)/actions";
import {
  stepUpAction,
  stepUpPasskeyAction,
  stepUpPasskeyOptionsAction,
} from "@/app/(portal)/step-up-actions";
import { Button } from "@/components/ui/button";
import { ownFactors } from "@/lib/auth/second-factor/overview";
import { securityWords } from "@/lib/auth/second-factor/words";
import { stepUpMinutes, stepUpPromptDue } from "@/lib/auth/step-up";
import type { Actor } from "@/lib/authz/actor";
import { passkeyWords } from "@/lib/i18n/security";

type GlobalPermission = Parameters<typeof stepUpPromptDue>[1];

import { CodeForms } from "./code-forms";
import { PasskeyButton } from "./passkey-button";

/**
 * On pages of sensitive changes (admin, emergency access, one's own security): when the second
 * factor was last proven too long ago, the codes are asked for here, above the forms that need them.
 */
export async function StepUpPrompt({
  actor,
  power,
}: {
  actor: Actor;
  /** The power the page belongs to: nobody else sees the prompt. */
  power?: GlobalPermission;
}) {
  if (!(await stepUpPromptDue(actor, power))) return null;
  const { w } = await securityWords(actor);
  const factors = await ownFactors(actor);
  return (
    <section aria-labelledby="step-up-title" className="mb-6 rounded border border-amber-600 bg-amber-50 p-4">
      <h2 id="step-up-title" className="mb-2">
        {w.stepUpTitle}
      </h2>
      <p className="mb-4">{w.stepUpIntro(stepUpMinutes())}</p>
      {factors.passkeys > 0 ? (
        <PasskeyButton
          flow={{
            kind: "authenticate",
            options: stepUpPasskeyOptionsAction,
            finish: stepUpPasskeyAction,
          }}
          words={passkeyWords(w, "use")}
          continueTo="/"
        />
      ) : null}
      {factors.totp || factors.passkeys > 0 ? (
        <CodeForms action={stepUpAction} words={w} totp={factors.totp} />
      ) : (
        // Signed in through the organisation's provider, with no factor here: sign in there again.
        <form action={signOutAction}>
          <p className="mb-2">{w.ssoStepUp}</p>
          <Button type="submit" variant="secondary">
            {w.signInAgain}
          </Button>
        </form>
      )}
    </section>
  );
}
