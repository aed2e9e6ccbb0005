"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { type FormState, formValues, invalid, refused, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import {
  assignConcern,
  ConcernIdSchema,
  concernSchemas,
  intakeConcern,
  referToQio,
  resolveConcern,
  sendInterimNotice,
  setConcernConfidential,
  transitionConcern,
} from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/concerns/[concernId]";

function idOr404(value: unknown): string {
  const parsed = ConcernIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

const schemas = () => concernSchemas(zonedDate());

/** Records a concern and opens it. */
export async function intakeConcernAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:concern", { patientId: patient.data }));
  const values = formValues(formData, [
    "raisedBy",
    "raisedByName",
    "category",
    "severity",
    "whatHappened",
    "desiredOutcome",
    "eventDate",
    "aboutDischarge",
    "confidential",
  ]);
  const parsed = schemas().intake.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let id: string;
  try {
    id = await intakeConcern(actor, patient.data, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath("/patients/[id]/concerns", "page");
  redirect(`/patients/${patient.data}/concerns/${id}`);
}

export async function transitionConcernAction(
  concernId: string,
  to: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    { ...formValues(formData, ["note", "version"]), to },
    schemas().transition,
    (input) => transitionConcern(actor, id, input),
    "Saved. The move is in the concern's history.",
  );
}

export async function resolveConcernAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    formValues(formData, [
      "responseContact",
      "responseSteps",
      "responseResults",
      "responseCompletedOn",
      "version",
    ]),
    schemas().resolve,
    (input) => resolveConcern(actor, id, input),
    "Resolved. Print the response letter for the patient.",
  );
}

export async function interimNoticeAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    formValues(formData, ["expectedBy", "message", "version"]),
    schemas().interim,
    (input) => sendInterimNotice(actor, id, input),
    "Interim notice recorded. Print it for the patient.",
  );
}

export async function qioReferralAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    formValues(formData, ["referredOn", "version"]),
    schemas().qio,
    (input) => referToQio(actor, id, input),
    "Referral to the Quality Improvement Organization recorded.",
  );
}

export async function confidentialAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    formValues(formData, ["confidential", "version"]),
    schemas().confidential,
    (input) => setConcernConfidential(actor, id, input),
    "Saved.",
  );
}

export async function assignConcernAction(
  concernId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(concernId);
  await orNotFound(authorizeAction(actor, "write:concern", { record: "concern", id }));
  return runChange(
    PAGE,
    formValues(formData, ["advocateId", "version"]),
    schemas().assign,
    (input) => assignConcern(actor, id, input),
    "Assigned.",
  );
}
