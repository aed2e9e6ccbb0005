"use server";

import { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { portalAction } from "@/app/_lib/portal-action";
import { screeningWordsFor } from "@/lib/i18n/screening";
import {
  answerSchema,
  completeScreening,
  FinishScreeningSchema,
  ScreeningAnswerError,
  saveScreeningAnswer,
  startScreening,
} from "@/lib/screening";
import { withoutNul } from "@/lib/validation";

const PAGE = "/me/screening";

/** A refusal from the screening, said again in the patient's words. */
function inHerWords<T>(work: Promise<T>, t: Parameters<typeof screeningWordsFor>[0]): Promise<T> {
  return work.catch((error: unknown) => {
    throw error instanceof ScreeningAnswerError ? error.in(screeningWordsFor(t).refusals) : error;
  });
}

/** She starts her screening in the language she reads the portal in, or resumes the one in progress. */
export async function startMyScreeningAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return portalAction(
    formData,
    { own: "write:screening:portal" },
    () => z.object({}),
    ({ actor, id, locale }) => ({
      page: PAGE,
      change: () => startScreening(actor, id, "portal", { language: locale }),
      redirect: () => PAGE,
    }),
  );
}

/** One question's answer, saved as she goes: the radio's code, or every box ticked. */
export async function saveMyAnswerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return portalAction(
    formData,
    { own: "write:screening:portal" },
    (t) => answerSchema(screeningWordsFor(t).chooseOne),
    ({ actor, id, t }) => ({
      page: PAGE,
      // The boxes of a "choose all" question share one name: gathered here into one field.
      given: {
        answer: formData
          .getAll("answer")
          .filter((v): v is string => typeof v === "string")
          .map(withoutNul)
          .join(","),
      },
      change: (input) => inHerWords(saveScreeningAnswer(actor, id, "portal", input), t),
      ok: screeningWordsFor(t).saved,
      stale: screeningWordsFor(t).stale,
    }),
  );
}

/** Finishing: scored, needs opened, the team told; then what happens next, on the page. */
export async function finishMyScreeningAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return portalAction(
    formData,
    { own: "write:screening:portal" },
    () => FinishScreeningSchema,
    ({ actor, id, t }) => ({
      page: PAGE,
      change: (input) => inHerWords(completeScreening(actor, id, "portal", input), t),
      stale: screeningWordsFor(t).stale,
      redirect: (done) => `${PAGE}?finished=${done.responseId}`,
    }),
  );
}
