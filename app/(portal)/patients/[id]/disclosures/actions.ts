"use server";

import type { FormState } from "@/app/_lib/action-results";
import { recordAction } from "@/app/_lib/record-action";
import { disclosureSchemas, produceAccounting, recordDisclosure, voidDisclosure } from "@/lib/disclosures";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/disclosures";
const schemas = () => disclosureSchemas(zonedDate());

export async function recordDisclosureAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:disclosures" },
    () => schemas().record,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => recordDisclosure(actor, id, input),
      ok: "Recorded in the disclosure log.",
    }),
  );
}

export async function voidDisclosureAction(
  disclosureId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { record: "disclosure", id: disclosureId, may: "write:disclosures" },
    () => schemas().void,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => voidDisclosure(actor, id, input),
      ok: "Voided. The entry stays in the log, marked, and leaves future accountings.",
    }),
  );
}

export async function produceAccountingAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    // produceAccounting asks write:rightsRequest: an accounting answers the patient's right to one.
    { patient: patientId, may: "write:rightsRequest" },
    () => schemas().accounting,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => produceAccounting(actor, id, input),
      redirect: (accountingId) => `/patients/${id}/disclosures/accounting/${accountingId}`,
    }),
  );
}
