"use server";

import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import { recordAction } from "@/app/_lib/record-action";
import {
  createUpdate,
  EditUpdateSchema,
  editUpdate,
  PublishSchema,
  publishUpdate,
  UpdateSchema,
} from "@/lib/updates";

const PAGE = "/patients/[id]/updates";

/** Saves a new draft; with `correcting`, a correction of a published update. */
export async function createUpdateAction(
  patientId: string,
  correcting: string | null,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    {
      patient: patientId,
      may: "write:update",
      bound: () => (correcting === null ? null : idOr404(correcting)),
    },
    UpdateSchema,
    ({ actor, id, bound: original }) => ({
      page: PAGE,
      change: (input) => createUpdate(actor, id, input, original),
      ok: "Draft saved. Publish it when it is ready for the patient and family.",
    }),
  );
}

export async function editUpdateAction(
  updateId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "update", id: updateId, may: "write:update" },
    EditUpdateSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => editUpdate(actor, id, input),
      ok: "Draft saved.",
    }),
  );
}

export async function publishUpdateAction(
  updateId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "update", id: updateId, may: "write:update" },
    PublishSchema,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => publishUpdate(actor, id, input.version),
      ok: "Published.",
    }),
  );
}
