import { orNotFound } from "@/app/_lib/guards";
import {
  confirmAuthenticatorAction,
  newRecoveryCodesAction,
  removeAuthenticatorAction,
} from "@/app/(portal)/account/security/actions";
import { ActionForm } from "@/components/action-form";
import { startTotpEnrolment } from "@/lib/auth/second-factor/enrolment";
import { securityOverview } from "@/lib/auth/second-factor/overview";
import { securityWords } from "@/lib/auth/second-factor/words";
import type { Actor } from "@/lib/authz/actor";
import { enrolmentWords, newCodesWords } from "@/lib/i18n/security";
import { NewCodesForm } from "./new-codes-form";
import { PasskeyList } from "./passkey-list";
import { StepUpPrompt } from "./step-up-prompt";
import { TotpEnrolment } from "./totp-enrolment";

/**
 * One's own second factors: the authenticator app, passkeys and the recovery codes. Staff open it at
 * /account/security, patients and family in the portal at /me/security; each page asks the policy.
 */
export async function SecurityPage({
  actor,
  page,
  via,
}: {
  actor: Actor;
  page: string;
  via: "staff" | "portal";
}) {
  const overview = await orNotFound(securityOverview(actor, via));
  const { locale, w } = await securityWords(actor);
  const enrolment = overview.totp ? null : await startTotpEnrolment(actor);
  return (
    <div lang={locale} className="max-w-2xl">
      <h1 className="mb-4">{w.securityTitle}</h1>
      {overview.required ? null : <p className="mb-4">{w.optional}</p>}
      <StepUpPrompt actor={actor} />
      <section aria-labelledby="app-title" className="mb-8">
        <h2 id="app-title" className="mb-2">
          {overview.totp ? w.appOn : w.appOff}
        </h2>
        {overview.totp ? (
          <ActionForm
            action={removeAuthenticatorAction}
            submitLabel={w.removeApp}
            pendingLabel={w.verifying}
            variant="danger"
            confirm={{ title: w.removeApp, body: w.removeAppConfirm, confirmLabel: w.removeApp }}
            cancelLabel={w.dismiss}
            fields={[]}
          />
        ) : enrolment ? (
          <TotpEnrolment
            action={confirmAuthenticatorAction}
            qrCode={enrolment.qrCode}
            setupKey={enrolment.setupKey}
            continueTo={page}
            words={enrolmentWords(w)}
          />
        ) : null}
      </section>
      <PasskeyList passkeys={overview.passkeyList} page={page} words={w} />
      {overview.totp || overview.passkeys > 0 ? (
        <section aria-labelledby="codes-title">
          <h2 id="codes-title" className="mb-2">
            {w.newCodes}
          </h2>
          <p className="mb-4">{w.codesLeft(overview.recoveryCodesLeft)}</p>
          <NewCodesForm action={newRecoveryCodesAction} continueTo={page} words={newCodesWords(w)} />
        </section>
      ) : null}
    </div>
  );
}
