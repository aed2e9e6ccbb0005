"use server";

import { notFound } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { PREFERENCE_FIELDS, PreferencesSchema, savePreferences } from "@/lib/preferences";

export async function savePreferencesAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:preferences", { patientId: patient.data }));
  return runChange(
    "/patients/[id]/preferences",
    formValues(formData, [...PREFERENCE_FIELDS.map(([key]) => key), "version"]),
    PreferencesSchema,
    (input) => savePreferences(actor, patient.data, input, "staff"),
    "Saved. Coordinators see this beside the care plan.",
  );
}
