"use server";

import { notFound, redirect } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import {
  DisclosureIdSchema,
  disclosureSchemas,
  produceAccounting,
  recordDisclosure,
  voidDisclosure,
} from "@/lib/disclosures";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/disclosures";
const schemas = () => disclosureSchemas(zonedDate());

function patientOr404(value: unknown): string {
  const parsed = PatientIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function recordDisclosureAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = patientOr404(patientId);
  await orNotFound(authorizeAction(actor, "write:disclosures", { patientId: id }));
  return runChange(
    PAGE,
    formValues(formData, ["disclosedOn", "recipient", "recipientAddress", "description", "purpose"]),
    schemas().record,
    (input) => recordDisclosure(actor, id, input),
    "Recorded in the disclosure log.",
  );
}

export async function voidDisclosureAction(
  disclosureId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const parsed = DisclosureIdSchema.safeParse(disclosureId);
  if (!parsed.success) notFound();
  await orNotFound(authorizeAction(actor, "write:disclosures", { record: "disclosure", id: parsed.data }));
  return runChange(
    PAGE,
    formValues(formData, ["reason"]),
    schemas().void,
    (input) => voidDisclosure(actor, parsed.data, input),
    "Voided. The entry stays in the log, marked, and leaves future accountings.",
  );
}

export async function produceAccountingAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = patientOr404(patientId);
  // produceAccounting asks write:rightsRequest: an accounting answers the patient's right to one.
  await orNotFound(authorizeAction(actor, "write:rightsRequest", { patientId: id }));
  let accountingId: string | undefined;
  const result = await runChange(
    PAGE,
    formValues(formData, ["periodFrom", "rightsRequestId"]),
    schemas().accounting,
    async (input) => {
      accountingId = await produceAccounting(actor, id, input);
    },
    "Accounting produced.",
  );
  if (accountingId) redirect(`/patients/${id}/disclosures/accounting/${accountingId}`);
  return result;
}
