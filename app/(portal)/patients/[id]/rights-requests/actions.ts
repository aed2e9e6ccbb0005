"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction, recordActions } from "@/app/_lib/record-action";
import {
  decideRightsRequest,
  extendRightsRequest,
  fileRightsRequest,
  recordDisagreement,
  recordRightsResponse,
  rightsSchemas,
} from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/rights-requests";
const schemas = () => rightsSchemas(zonedDate());
/** A change to one request, by someone who may write rights requests for its patient. */
const requestAction = recordActions("rightsRequest", "write:rightsRequest", PAGE, schemas);

export async function fileRightsRequestAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:rightsRequest" },
    () => schemas().file,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => fileRightsRequest(actor, id, input),
      ok: "Recorded. The due date is computed from the day it was received.",
    }),
  );
}

export async function extendRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return requestAction(
    requestId,
    formData,
    (s) => s.extend,
    (actor, id) => ({
      change: (input) => extendRightsRequest(actor, id, input),
      ok: "Extended.",
    }),
  );
}

export async function decideRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return requestAction(
    requestId,
    formData,
    (s) => s.decide,
    (actor, id) => ({
      change: (input) => decideRightsRequest(actor, id, input),
      ok: "Decision recorded.",
    }),
  );
}

export async function respondRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return requestAction(
    requestId,
    formData,
    (s) => s.respond,
    (actor, id) => ({
      change: (input) => recordRightsResponse(actor, id, input),
      ok: "Response recorded as sent.",
    }),
  );
}

export async function disagreementAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return requestAction(
    requestId,
    formData,
    (s) => s.disagreement,
    (actor, id) => ({
      change: (input) => recordDisagreement(actor, id, input),
      ok: "Statement of disagreement recorded with the request.",
    }),
  );
}
