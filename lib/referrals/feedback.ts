import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/authz";
import { DomainError, pgErrorCode } from "@/lib/errors";
import { hasOpenReferral, moveNeedWithin } from "@/lib/needs/moves";
import { changeVersioned } from "@/lib/records/versioned-change";
import type { ReferralFeedbackInput } from "./schemas";
import { REFERRAL } from "./workflow";

/** What a refused answer says, in the patient's language (lib/i18n/referrals.ts). */
export interface FeedbackWords {
  alreadySaid: string;
  /** Staff noted the same kind of need again while she answered: her answer was not saved. */
  notedAgain: string;
}

const IN_ENGLISH: FeedbackWords = {
  alreadySaid: "You already told us this about this referral.",
  notedAgain:
    "Your care team has just started looking for help with this again. Your answer was not saved: please send it again.",
};

/**
 * The patient's word on one of her referrals, from the portal, at the version she saw: "I got help"
 * meets the need (unless it is met already); "this did not work" opens it again, from met, even
 * after the service said it was completed, or from referred when no other referral of the need is
 * still waiting (then her word stays on this referral and the need stays referred). She may change
 * her answer.
 */
export async function answerReferral(
  actor: Actor,
  referralId: string,
  input: ReferralFeedbackInput,
  words: FeedbackWords = IN_ENGLISH,
): Promise<void> {
  try {
    await changeVersioned(actor, REFERRAL, {
      id: referralId,
      version: input.version,
      permission: "answer:referral:portal",
      audit: { action: "referral.feedback" },
      change: async (_tx, r) => {
        if (r.patientFeedback === input.answer) throw new DomainError(words.alreadySaid);
        return {
          set: {
            patientFeedback: input.answer,
            patientFeedbackAt: sql`now()`,
            patientFeedbackBy: actor.userId,
          },
          details: { answer: input.answer, status: r.status },
          after: async (tx) => {
            if (input.answer === "got-help")
              await moveNeedWithin(tx, actor, r.needId, {
                from: ["open", "referred"],
                to: "met",
                metReason: "patient-said",
                note: "The patient said they got help.",
                cause: "patient",
              });
            else
              await moveNeedWithin(tx, actor, r.needId, {
                // The need was locked first (REFERRAL), so another referral's state holds here.
                from: (await hasOpenReferral(tx, r.needId, referralId)) ? ["met"] : ["met", "referred"],
                to: "open",
                note: "The patient said it did not work.",
                cause: "patient",
              });
          },
        };
      },
    });
  } catch (error) {
    // needs_one_unmet_per_domain_key: staff noted this kind of need again between her check and her write.
    if (pgErrorCode(error) !== "23505") throw error;
    throw Object.assign(new DomainError(words.notedAgain), { cause: error });
  }
}
