import type { Metadata } from "next";
import { CodeForms } from "@/components/security/code-forms";
import { PasskeyButton } from "@/components/security/passkey-button";
import { SignInFrame } from "@/components/security/sign-in-frame";
import { Button } from "@/components/ui/button";
import { requirePendingSession } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/auth/return-path";
import { ownFactors } from "@/lib/auth/second-factor/overview";
import { securityWords } from "@/lib/auth/second-factor/words";
import { passkeyWords } from "@/lib/i18n/security";
import { cancelSignInAction, verifySecondFactorAction } from "./actions";
import { passkeySignInAction, passkeySignInOptionsAction } from "./passkey-actions";

export const metadata: Metadata = { title: "Confirm it's you" };

/** After the password, for anyone with a second factor: a passkey, the app's code, or a recovery code. */
export default async function SecondFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { actor } = await requirePendingSession("second-factor");
  const { locale, w } = await securityWords(actor);
  const next = safeReturnPath((await searchParams).next);
  const factors = await ownFactors(actor);
  return (
    <SignInFrame lang={locale} title={w.verifyTitle}>
      <p className="mb-4">{factors.totp ? w.verifyIntro : w.verifyIntroPasskey}</p>
      {factors.passkeys > 0 ? (
        <PasskeyButton
          flow={{
            kind: "authenticate",
            options: passkeySignInOptionsAction,
            finish: passkeySignInAction.bind(null, next),
          }}
          words={passkeyWords(w, "use")}
          continueTo={next}
        />
      ) : null}
      <CodeForms action={verifySecondFactorAction} words={w} hidden={{ next }} totp={factors.totp} />
      <form action={cancelSignInAction} className="mt-6">
        <Button type="submit" variant="secondary">
          {w.cancel}
        </Button>
      </form>
    </SignInFrame>
  );
}
