"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { type FormState, formValues, invalid, refused } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  createUpdate,
  EditUpdateSchema,
  editUpdate,
  PublishSchema,
  publishUpdate,
  UpdateIdSchema,
  UpdateSchema,
} from "@/lib/updates";

const PAGE = "/patients/[id]/updates";
const FIELDS = ["title", "progress", "nextSteps", "resources"] as const;

function idOr404(value: unknown): string {
  const parsed = UpdateIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** Saves a new draft; with `correcting`, a correction of a published update. */
export async function createUpdateAction(
  patientId: string,
  correcting: string | null,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  const original = correcting === null ? null : idOr404(correcting);
  await orNotFound(authorizeAction(actor, "write:update", { patientId: patient.data }));
  const values = formValues(formData, FIELDS);
  const parsed = UpdateSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await createUpdate(actor, patient.data, parsed.data, original);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Draft saved. Publish it when it is ready for the patient and family." };
}

export async function editUpdateAction(
  updateId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(updateId);
  await orNotFound(authorizeAction(actor, "write:update", { record: "update", id }));
  const values = formValues(formData, [...FIELDS, "version"]);
  const parsed = EditUpdateSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await editUpdate(actor, id, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Draft saved." };
}

export async function publishUpdateAction(
  updateId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(updateId);
  await orNotFound(authorizeAction(actor, "write:update", { record: "update", id }));
  const values = formValues(formData, ["version"]);
  const parsed = PublishSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await publishUpdate(actor, id, parsed.data.version);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  return { ok: "Published." };
}
