"use server";

import { notFound } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import {
  completeFollowUp,
  FollowUpDoneSchema,
  InteractionIdSchema,
  interactionSchema,
  logInteraction,
} from "@/lib/advocacy";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { GiveResourceSchema, giveResource } from "@/lib/education";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/advocacy";

export async function logInteractionAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:advocacyLog", { patientId: patient.data }));
  return runChange(
    PAGE,
    formValues(formData, [
      "counterpartType",
      "organisation",
      "contact",
      "occurredOn",
      "channel",
      "asked",
      "outcome",
      "followUpOn",
      "subject",
    ]),
    interactionSchema(zonedDate()),
    ({ subject, ...entry }) => logInteraction(actor, patient.data, { ...entry, ...subject }),
    "Logged.",
  );
}

export async function completeFollowUpAction(
  interactionId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = InteractionIdSchema.safeParse(interactionId);
  if (!id.success) notFound();
  await orNotFound(
    authorizeAction(actor, "write:advocacyLog", { record: "advocacyInteraction", id: id.data }),
  );
  return runChange(
    PAGE,
    formValues(formData, ["version"]),
    FollowUpDoneSchema,
    (input) => completeFollowUp(actor, id.data, input.version),
    "Follow-up done.",
  );
}

export async function giveResourceAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:advocacyLog", { patientId: patient.data }));
  return runChange(
    PAGE,
    formValues(formData, ["resourceId", "note"]),
    GiveResourceSchema,
    (input) => giveResource(actor, patient.data, input),
    "Recorded as given.",
  );
}
