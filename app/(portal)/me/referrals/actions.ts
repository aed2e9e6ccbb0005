"use server";

import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { portalAction } from "@/app/_lib/portal-action";
import { LOCALES, MESSAGES, type Messages } from "@/lib/i18n/messages";
import { REFERRAL_WORDS } from "@/lib/i18n/referrals";
import { answerReferral, referralFeedbackSchema } from "@/lib/referrals";

/** The referral words in the language the portal's messages are in. */
const wordsFor = (t: Messages) => REFERRAL_WORDS[LOCALES.find((l) => MESSAGES[l] === t) ?? "en"];

/**
 * The patient's word on one of her referrals: "I got help" or "this did not work", bound by the
 * button she confirmed. Her own record only; the referral's owner is asked again inside.
 */
export async function answerReferralAction(
  referralId: string,
  answer: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    { own: "answer:referral:portal", bound: () => idOr404(referralId) },
    (t) => referralFeedbackSchema({ answer: wordsFor(t).answer }),
    ({ actor, bound, locale }) => {
      const words = REFERRAL_WORDS[locale];
      return {
        page: "/me/referrals",
        given: { answer },
        change: (input) => answerReferral(actor, bound, input, words),
        ok: words.saved,
        stale: words.stale,
      };
    },
  );
}
