"use server";

import { notFound, redirect } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { raiseConcernInPortal } from "@/lib/concerns";
import { portalMessages } from "@/lib/i18n/server";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { portalSchemas } from "@/lib/portal/forms";
import { fileRightsRequestInPortal } from "@/lib/rights-requests";
import { zonedDate } from "@/lib/time";

function patientOr404(value: unknown): string {
  const parsed = PatientIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** For family, the pages carry the patient they chose. */
async function keep(patientId: string): Promise<string> {
  const actor = await requireActor();
  // A patient account is its own record; anyone else viewing it keeps the patient in the address.
  return actor.patientId === patientId ? "" : `?patient=${patientId}`;
}

export async function raiseConcernAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = patientOr404(patientId);
  await orNotFound(authorizeAction(actor, "raise:concern:portal", { patientId: id }));
  const { t } = await portalMessages(actor);
  let concernId: string | undefined;
  const result = await runChange(
    "/me",
    formValues(formData, ["category", "whatHappened", "desiredOutcome", "eventDate"]),
    portalSchemas(t, zonedDate()).concern,
    async (input) => {
      concernId = await raiseConcernInPortal(actor, id, input);
    },
    t.concern.sent,
    t.errors.checkFields,
  );
  if (concernId) {
    const q = await keep(id);
    redirect(`/me/concerns/${concernId}${q}${q ? "&" : "?"}sent=1`);
  }
  return result;
}

export async function fileRightsAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = patientOr404(patientId);
  await orNotFound(authorizeAction(actor, "file:rightsRequest:portal", { patientId: id }));
  const { t } = await portalMessages(actor);
  return runChange(
    "/me/rights",
    formValues(formData, ["type", "details", "requestedForm", "healthPlanSelfPay", "subject"]),
    portalSchemas(t, zonedDate()).rights,
    (input) => fileRightsRequestInPortal(actor, id, input, t.errors.item),
    t.rights.sent,
    t.errors.checkFields,
  );
}
