"use server";

import { notFound } from "next/navigation";
import { type FormState, formValues, runChange } from "@/app/_lib/action-results";
import { requireActor } from "@/lib/auth/current-user";
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
  return runChange(
    "/patients/[id]/preferences",
    formValues(formData, [...PREFERENCE_FIELDS.map(([key]) => key), "version"]),
    PreferencesSchema,
    (input) => savePreferences(actor, patient.data, input),
    "Saved. Coordinators see this beside the care plan.",
  );
}
