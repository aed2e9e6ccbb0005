"use server";

import type { z } from "zod";
import type { FormState } from "@/app/_lib/action-results";
import { idOr404 } from "@/app/_lib/guards";
import {
  type ActionAccess,
  type ActionContext,
  type ActionForm,
  recordAction,
} from "@/app/_lib/record-action";
import {
  addPlanItem,
  carePlanSchemas,
  editPlanItem,
  type PlanItemInput,
  PlanItemKindSchema,
  removePlanItem,
  saveAsTemplate,
  startCarePlan,
  transitionPlan,
  updatePlanDetails,
} from "@/lib/care-plans";
import { zonedDate } from "@/lib/time";

const PAGE = "/patients/[id]/care-plan";
const schemas = () => carePlanSchemas(zonedDate());
type Schemas = ReturnType<typeof schemas>;

/** A change to one plan, by someone who may write care plans for its patient. */
function planAction<S extends z.ZodType, B = undefined>(
  planId: unknown,
  formData: FormData,
  bound: (() => B) | undefined,
  schema: (all: Schemas, bound: B) => S,
  form: (context: ActionContext<B>) => ActionForm<S, unknown>,
): Promise<FormState> {
  const access: ActionAccess<B> = { record: "carePlan", id: planId, may: "write:carePlan", bound };
  return recordAction(
    formData,
    access,
    (context) => schema(schemas(), context.bound),
    (context) => ({ page: PAGE, ...form(context) }),
  );
}

/** An item's kind and id, bound by the page beside the plan's: parsed (or the 404) before the policy. */
const itemOf = (kind: unknown, itemId?: unknown) => () => ({
  kind: idOr404(kind, PlanItemKindSchema),
  item: itemId === undefined ? "" : idOr404(itemId),
});

/** Starts a draft plan (blank or from a template) and opens it. */
export async function startPlanAction(
  patientId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return recordAction(
    formData,
    { patient: patientId, may: "write:carePlan" },
    () => schemas().start,
    ({ actor, id }) => ({
      page: PAGE,
      change: (input) => startCarePlan(actor, id, input),
      redirect: (planId) => `/patients/${id}/care-plan?plan=${planId}`,
    }),
  );
}

export async function updatePlanDetailsAction(
  planId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return planAction(
    planId,
    formData,
    undefined,
    (s) => s.details,
    ({ actor, id }) => ({
      change: (input) => updatePlanDetails(actor, id, input),
      ok: "Plan saved.",
    }),
  );
}

export async function addPlanItemAction(
  planId: string,
  kind: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return planAction(
    planId,
    formData,
    itemOf(kind),
    (s, { kind: k }) => s[k],
    ({ actor, id, bound }) => ({
      change: (input) => addPlanItem(actor, id, { ...input, kind: bound.kind } as PlanItemInput),
      ok: `Added the ${bound.kind}.`,
    }),
  );
}

export async function editPlanItemAction(
  planId: string,
  kind: string,
  itemId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return planAction(
    planId,
    formData,
    itemOf(kind, itemId),
    (s, { kind: k }) => s[k],
    ({ actor, id, bound }) => ({
      change: (input) => editPlanItem(actor, id, bound.item, { ...input, kind: bound.kind } as PlanItemInput),
      ok: `Saved the ${bound.kind}.`,
    }),
  );
}

export async function removePlanItemAction(
  planId: string,
  kind: string,
  itemId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return planAction(
    planId,
    formData,
    itemOf(kind, itemId),
    (s) => s.remove,
    ({ actor, id, bound }) => ({
      change: (input) => removePlanItem(actor, id, bound.kind, bound.item, input.version),
      ok: `Removed the ${bound.kind}. The plan's history keeps it.`,
    }),
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
  return planAction(
    planId,
    formData,
    undefined,
    (s) => s.transition,
    ({ actor, id }) => ({
      given: { to },
      change: (input) => transitionPlan(actor, id, input),
      ok: TRANSITION_DONE[to as keyof typeof TRANSITION_DONE] ?? "Saved.",
    }),
  );
}

export async function saveTemplateAction(
  planId: string,
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return planAction(
    planId,
    formData,
    undefined,
    (s) => s.template,
    ({ actor, id }) => ({
      change: (input) => saveAsTemplate(actor, id, input),
      ok: "Saved as a template. Coordinators can now start plans from it; this plan is unchanged.",
    }),
  );
}
