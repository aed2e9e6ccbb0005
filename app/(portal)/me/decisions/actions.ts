"use server";

import { notFound } from "next/navigation";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { portalAction } from "@/app/_lib/portal-action";
import { answerDecision, answerSchema } from "@/lib/decisions";

/**
 * Her word on one of her decision records: "yes, this says what I decided", or "no" with what is
 * not right (which tells her coordinators). The patient alone: family are refused, as a 404.
 */
export async function answerDecisionAction(
  decisionId: string,
  answer: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return portalAction(
    formData,
    {
      own: "confirm:decision:portal",
      bound: () => ({
        id: idOr404(decisionId),
        answer: answer === "yes" || answer === "no" ? answer : notFound(),
      }),
    },
    (t) => answerSchema({ comment: t.decisions.errors.comment, tooLong: t.errors.tooLong }),
    ({ actor, bound, t }) => ({
      page: "/me/decisions",
      given: { answer: bound.answer },
      change: (input) => answerDecision(actor, bound.id, input, t.decisions.errors),
      ok: bound.answer === "yes" ? t.decisions.savedYes : t.decisions.savedNo,
      stale: t.decisions.stale,
    }),
  );
}
