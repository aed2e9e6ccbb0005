import type { Metadata } from "next";
import { PasskeyButton } from "@/components/security/passkey-button";
import { SignInFrame } from "@/components/security/sign-in-frame";
import { TotpEnrolment } from "@/components/security/totp-enrolment";
import { Button } from "@/components/ui/button";
import { requirePendingSession } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/auth/return-path";
import { startTotpEnrolment } from "@/lib/auth/second-factor/enrolment";
import { securityWords } from "@/lib/auth/second-factor/words";
import { enrolmentWords, passkeyWords } from "@/lib/i18n/security";
import { cancelSignInAction } from "../second-factor/actions";
import { confirmRequiredEnrolmentAction } from "./actions";
import { enrolPasskeyAction, enrolPasskeyOptionsAction } from "./passkey-actions";

export const metadata: Metadata = { title: "Set up a second factor" };

/** After the password, for staff the organisation requires a second factor of who have none yet. */
export default async function EnrolPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { actor } = await requirePendingSession("enrol");
  const { locale, w } = await securityWords(actor);
  const next = safeReturnPath((await searchParams).next);
  const enrolment = await startTotpEnrolment(actor);
  return (
    <SignInFrame lang={locale} title={w.enrolTitle}>
      <p className="mb-4">{w.enrolRequired}</p>
      {enrolment ? (
        <TotpEnrolment
          action={confirmRequiredEnrolmentAction}
          qrCode={enrolment.qrCode}
          setupKey={enrolment.setupKey}
          continueTo={next}
          words={enrolmentWords(w)}
        />
      ) : null}
      <h2 className="mt-8 mb-2">{w.passkeysTitle}</h2>
      <p className="mb-2">{w.enrolPasskey}</p>
      <PasskeyButton
        flow={{ kind: "register", options: enrolPasskeyOptionsAction, finish: enrolPasskeyAction }}
        words={passkeyWords(w, "add")}
        continueTo={next}
      />
      <form action={cancelSignInAction} className="mt-6">
        <Button type="submit" variant="secondary">
          {w.cancel}
        </Button>
      </form>
    </SignInFrame>
  );
}
