"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction, recordActions } from "@/app/_lib/record-action";
import {
  assignConcern,
  concernSchemas,
  intakeConcern,
  referToQio,
  resolveConcern,
  sendInterimNotice,
  setConcernConfidential,
  transitionConcern,
} from "@/lib/concerns";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/concerns/[concernId]";
const schemas = () => concernSchemas(zonedDate());
/** A change to one concern, by someone who may write concerns for its patient. */
const concernAction = recordActions("concern", "write:concern", PAGE, schemas);

/** Records a concern and opens it. */
export async function intakeConcernAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:concern" },
    () => schemas().intake,
    ({ actor, id }) => ({
      page: "/patients/[id]/concerns",
      change: (input) => intakeConcern(actor, id, input),
      redirect: (concernId) => `/patients/${id}/concerns/${concernId}`,
    }),
  );
}

export async function transitionConcernAction(
  concernId: string,
  to: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.transition,
    (actor, id) => ({
      given: { to },
      change: (input) => transitionConcern(actor, id, input),
      ok: "Saved. The move is in the concern's history.",
    }),
  );
}

export async function resolveConcernAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.resolve,
    (actor, id) => ({
      change: (input) => resolveConcern(actor, id, input),
      ok: "Resolved. Print the response letter for the patient.",
    }),
  );
}

export async function interimNoticeAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.interim,
    (actor, id) => ({
      change: (input) => sendInterimNotice(actor, id, input),
      ok: "Interim notice recorded. Print it for the patient.",
    }),
  );
}

export async function qioReferralAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.qio,
    (actor, id) => ({
      change: (input) => referToQio(actor, id, input),
      ok: "Referral to the Quality Improvement Organization recorded.",
    }),
  );
}

export async function confidentialAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.confidential,
    (actor, id) => ({
      change: (input) => setConcernConfidential(actor, id, input),
      ok: "Saved.",
    }),
  );
}

export async function assignConcernAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return concernAction(
    concernId,
    formData,
    (s) => s.assign,
    (actor, id) => ({
      change: (input) => assignConcern(actor, id, input),
      ok: "Assigned.",
    }),
  );
}
