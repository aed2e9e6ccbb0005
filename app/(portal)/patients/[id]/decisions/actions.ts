"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import {
  decisionSchemas,
  editDecision,
  flagDecision,
  linkPlanItem,
  recordDecision,
  resolveDecision,
} from "@/lib/decisions";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/decisions";
const schemas = () => decisionSchemas(zonedDate());

/** Records a treatment decision for the patient. */
export async function recordDecisionAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:decision" },
    () => schemas().record,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => recordDecision(actor, id, input),
      ok: "Recorded. The patient is asked in the portal whether it says what they decided.",
    }),
  );
}

export async function editDecisionAction(
  decisionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "decision", id: decisionId, may: "write:decision" },
    () => schemas().edit,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => editDecision(actor, id, input),
      ok: "Saved as a new version.",
    }),
  );
}

/** The advocate's "the patient's voice is not reflected". */
export async function flagDecisionAction(
  decisionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "decision", id: decisionId, may: "flag:decision" },
    () => schemas().flag,
    ({ actor, id }) => ({
      page: PAGE,
      also: ["/my-work"],
      change: (input) => flagDecision(actor, id, input),
      ok: "Flagged. The patient's coordinators are told, and see it on the care plan until it is resolved.",
    }),
  );
}

export async function resolveDecisionAction(
  decisionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "decision", id: decisionId, may: "resolve:decision" },
    () => schemas().resolve,
    ({ actor, id }) => ({
      page: PAGE,
      also: ["/my-work"],
      change: (input) => resolveDecision(actor, id, input),
      ok: "Resolved. The patient is asked again in the portal.",
    }),
  );
}

export async function linkPlanItemAction(
  decisionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "decision", id: decisionId, may: "write:decision" },
    () => schemas().link,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => linkPlanItem(actor, id, input),
      ok: "Linked.",
    }),
  );
}
