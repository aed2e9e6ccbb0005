"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { completeFollowUp, FollowUpDoneSchema, interactionSchema, logInteraction } from "@/lib/advocacy";
import { GiveResourceSchema, giveResource } from "@/lib/education";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/advocacy";

export async function logInteractionAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:advocacyLog" },
    () => interactionSchema(zonedDate()),
    ({ actor, id }) => ({
      page: PAGE,
      change: ({ subject, ...entry }) => logInteraction(actor, id, { ...entry, ...subject }),
      ok: "Logged.",
    }),
  );
}

export async function completeFollowUpAction(
  interactionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "advocacyInteraction", id: interactionId, may: "write:advocacyLog" },
    FollowUpDoneSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => completeFollowUp(actor, id, input.version),
      ok: "Follow-up done.",
    }),
  );
}

export async function giveResourceAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:advocacyLog" },
    GiveResourceSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => giveResource(actor, id, input),
      ok: "Recorded as given.",
    }),
  );
}
