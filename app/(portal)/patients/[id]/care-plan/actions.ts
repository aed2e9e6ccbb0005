"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { type FormState, formValues, invalid, refused, runChange } from "@/app/_lib/action-results";
import { orNotFound } from "@/app/_lib/guards";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeAction } from "@/lib/authz/guard";
import {
  addPlanItem,
  CarePlanIdSchema,
  carePlanSchemas,
  editPlanItem,
  type PlanItemInput,
  type PlanItemKind,
  PlanItemKindSchema,
  removePlanItem,
  saveAsTemplate,
  startCarePlan,
  transitionPlan,
  updatePlanDetails,
} from "@/lib/care-plans";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/care-plan";
const ITEM_FIELDS: Record<PlanItemKind, readonly string[]> = {
  problem: ["description", "version"],
  goal: ["description", "measure", "targetDate", "status", "priority", "patientSet", "version"],
  intervention: ["description", "goalId", "owner", "dueDate", "status", "version"],
};

function idOr404(value: unknown): string {
  const parsed = CarePlanIdSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

function kindOr404(value: unknown): PlanItemKind {
  const parsed = PlanItemKindSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

function run<S extends z.ZodType>(
  values: Record<string, string>,
  schema: S,
  change: (input: z.infer<S>) => Promise<unknown>,
  ok: string,
): Promise<FormState> {
  return runChange(PAGE, values, schema, change, ok);
}

/** Starts a draft plan (blank or from a template) and opens it. */
export async function startPlanAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const patient = PatientIdSchema.safeParse(patientId);
  if (!patient.success) notFound();
  await orNotFound(authorizeAction(actor, "write:carePlan", { patientId: patient.data }));
  const values = formValues(formData, ["title", "reviewDate", "templateId"]);
  const parsed = carePlanSchemas(zonedDate()).start.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let planId: string;
  try {
    planId = await startCarePlan(actor, patient.data, parsed.data);
  } catch (error) {
    return refused(error, values);
  }
  revalidatePath(PAGE, "page");
  redirect(`/patients/${patient.data}/care-plan?plan=${planId}`);
}

export async function updatePlanDetailsAction(
  planId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    formValues(formData, ["title", "reviewDate", "version"]),
    carePlanSchemas(zonedDate()).details,
    (input) => updatePlanDetails(actor, id, input),
    "Plan saved.",
  );
}

export async function addPlanItemAction(
  planId: string,
  kind: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  const k = kindOr404(kind);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    formValues(formData, ITEM_FIELDS[k]),
    carePlanSchemas(zonedDate())[k],
    (input) => addPlanItem(actor, id, { ...input, kind: k } as PlanItemInput),
    `Added the ${k}.`,
  );
}

export async function editPlanItemAction(
  planId: string,
  kind: string,
  itemId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  const k = kindOr404(kind);
  const item = idOr404(itemId);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    formValues(formData, ITEM_FIELDS[k]),
    carePlanSchemas(zonedDate())[k],
    (input) => editPlanItem(actor, id, item, { ...input, kind: k } as PlanItemInput),
    `Saved the ${k}.`,
  );
}

export async function removePlanItemAction(
  planId: string,
  kind: string,
  itemId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  const k = kindOr404(kind);
  const item = idOr404(itemId);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    formValues(formData, ["version"]),
    carePlanSchemas(zonedDate()).remove,
    (input) => removePlanItem(actor, id, k, item, input.version),
    `Removed the ${k}. The plan's history keeps it.`,
  );
}

const TRANSITION_DONE = {
  active: "The plan is active.",
  completed: "The plan is completed.",
  revoked: "The plan is revoked.",
} as const;

export async function transitionPlanAction(
  planId: string,
  to: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    { ...formValues(formData, ["reason", "version"]), to },
    carePlanSchemas(zonedDate()).transition,
    (input) => transitionPlan(actor, id, input),
    TRANSITION_DONE[to as keyof typeof TRANSITION_DONE] ?? "Saved.",
  );
}

export async function saveTemplateAction(
  planId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const actor = await requireActor();
  const id = idOr404(planId);
  await orNotFound(authorizeAction(actor, "write:carePlan", { record: "carePlan", id }));
  return run(
    formValues(formData, ["name", "description"]),
    carePlanSchemas(zonedDate()).template,
    (input) => saveAsTemplate(actor, id, input),
    "Saved as a template. Coordinators can now start plans from it; this plan is unchanged.",
  );
}
