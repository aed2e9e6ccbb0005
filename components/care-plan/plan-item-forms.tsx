import type { ReactNode } from "react";
import { ActionForm, type FieldSpec } from "@/components/action-form";
import type { PlanItemKind } from "@/lib/care-plans";
import type { CarePlanActions } from "./plan-actions";

/** The plan an item form saves to: its id and the version the form was read at. */
export interface PlanVersion {
  id: string;
  version: number;
}

/** Edit and remove forms for one item of an open plan, shown when someone opens them. */
export function PlanItemForms({
  plan,
  kind,
  id,
  fields,
  actions,
  intro,
}: {
  plan: PlanVersion;
  kind: PlanItemKind;
  id: string;
  fields: FieldSpec[];
  actions: CarePlanActions;
  intro?: ReactNode;
}) {
  const version = { version: String(plan.version) };
  return (
    <>
      {intro}
      <ActionForm
        action={actions.editItem.bind(null, plan.id, kind, id)}
        draftKey={`${kind}:${id}`}
        hidden={version}
        submitLabel={`Save ${kind}`}
        fields={fields}
      />
      <ActionForm
        action={actions.removeItem.bind(null, plan.id, kind, id)}
        hidden={version}
        submitLabel={`Remove ${kind}`}
        variant="danger"
        fields={[]}
        confirm={{
          title: `Remove this ${kind}?`,
          body: "It comes off the plan. The plan's version history keeps it, with your name.",
          confirmLabel: `Remove ${kind}`,
        }}
      />
    </>
  );
}

export const ADD_LABEL: Record<PlanItemKind, string> = {
  problem: "Add a problem or need",
  goal: "Add a goal",
  intervention: "Add an intervention",
};

/** The form that adds a problem, goal or intervention to an open plan, shown when someone opens it. */
export function AddPlanItemForm({
  plan,
  kind,
  fields,
  actions,
  intro,
}: {
  plan: PlanVersion;
  kind: PlanItemKind;
  fields: FieldSpec[];
  actions: CarePlanActions;
  intro?: ReactNode;
}) {
  return (
    <>
      {intro}
      <ActionForm
        action={actions.addItem.bind(null, plan.id, kind)}
        hidden={{ version: String(plan.version) }}
        submitLabel={`Add ${kind}`}
        fields={fields}
      />
    </>
  );
}
