import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { moveNeedWithin } from "@/lib/needs/moves";
import { changeVersioned } from "@/lib/records/versioned-change";
import type { ReferralFeedbackInput } from "./schemas";
import { REFERRAL } from "./workflow";

/** What a refused answer says, in the patient's language (lib/i18n/referrals.ts). */
export interface FeedbackWords {
  alreadySaid: string;
}

const IN_ENGLISH: FeedbackWords = { alreadySaid: "You already told us this about this referral." };

/**
 * The patient's word on one of her referrals, from the portal, at the version she saw: "I got help"
 * meets the need (unless it is met already); "this did not work" opens it again, from met or
 * referred, even after the service said it was completed. She may change her answer.
 */
export async function answerReferral(
  actor: Actor,
  referralId: string,
  input: ReferralFeedbackInput,
  words: FeedbackWords = IN_ENGLISH,
): Promise<void> {
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
              from: ["met", "referred"],
              to: "open",
              note: "The patient said it did not work.",
              cause: "patient",
            });
        },
      };
    },
  });
}
