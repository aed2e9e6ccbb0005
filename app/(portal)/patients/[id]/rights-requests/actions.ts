"use server";

import { notFound } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  decideRightsRequest,
  extendRightsRequest,
  fileRightsRequest,
  RightsRequestIdSchema,
  recordDisagreement,
  recordRightsResponse,
  rightsSchemas,
} from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/rights-requests";
const schemas = () => rightsSchemas(zonedDate());

function idOr404(value: unknown): string {
  const parsed = RightsRequestIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function fileRightsRequestAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { patientId: patient.data }));
  return runChange(
    PAGE,
    formValues(formData, ["type", "receivedOn", "details", "requestedForm", "healthPlanSelfPay"]),
    schemas().file,
    (input) => fileRightsRequest(actor, patient.data, input),
    "Recorded. The due date is computed from the day it was received.",
  );
}

export async function extendRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(requestId);
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { record: "rightsRequest", id }));
  return runChange(
    PAGE,
    formValues(formData, ["reason", "notifiedOn", "version"]),
    schemas().extend,
    (input) => extendRightsRequest(actor, id, input),
    "Extended.",
  );
}

export async function decideRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(requestId);
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { record: "rightsRequest", id }));
  return runChange(
    PAGE,
    formValues(formData, [
      "decision",
      "reasonCode",
      "reason",
      "disagreementRightStated",
      "decidedOn",
      "version",
    ]),
    schemas().decide,
    (input) => decideRightsRequest(actor, id, input),
    "Decision recorded.",
  );
}

export async function respondRightsRequestAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(requestId);
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { record: "rightsRequest", id }));
  return runChange(
    PAGE,
    formValues(formData, ["sentOn", "version"]),
    schemas().respond,
    (input) => recordRightsResponse(actor, id, input),
    "Response recorded as sent.",
  );
}

export async function disagreementAction(
  requestId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(requestId);
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { record: "rightsRequest", id }));
  return runChange(
    PAGE,
    formValues(formData, ["statement", "receivedOn", "version"]),
    schemas().disagreement,
    (input) => recordDisagreement(actor, id, input),
    "Statement of disagreement recorded with the request.",
  );
}
