"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import {
  answerSchema,
  completeScreening,
  FinishScreeningSchema,
  StartScreeningSchema,
  saveScreeningAnswer,
  startScreening,
} from "@/lib/screening";
import { withoutNul } from "@/lib/validation";

const PAGE = "/patients/[id]/screening";

/** Staff start a screening with the patient, in her language or English (or resume hers in progress). */
export async function startScreeningAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:screening" },
    StartScreeningSchema,
    ({ actor, id }) => ({ page: PAGE, change: (input) => startScreening(actor, id, "staff", input) }),
  );
}

/** One question's answer as she gives it, saved on its own. */
export async function saveAnswerAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:screening" },
    answerSchema(),
    ({ actor, id }) => ({
      page: PAGE,
      // A "choose all" question's boxes share one name: gathered here into one field.
      given: {
        answer: formData
          .getAll("answer")
          .filter((v): v is string => typeof v === "string")
          .map(withoutNul)
          .join(","),
      },
      change: (input) => saveScreeningAnswer(actor, id, "staff", input),
      ok: "Saved.",
    }),
  );
}

/** Finishing: results, needs opened, the advocates alerted for safety; the page then shows what was found. */
export async function finishScreeningAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:screening" },
    FinishScreeningSchema,
    ({ actor, id }) => ({
      page: PAGE,
      also: [`/patients/${id}/needs`],
      change: (input) => completeScreening(actor, id, "staff", input),
      redirect: (done) => `/patients/${id}/screening?finished=${done.responseId}`,
    }),
  );
}
