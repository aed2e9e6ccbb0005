import type { ReactNode } from "react";
import { ActionForm, type FieldSpec } from "@/components/action-form";
import { Expander } from "@/components/ui/expander";
import type { PlanDetail, PlanItemKind } from "@/lib/care-plans";
import type { CarePlanActions } from "./plan-actions";

/** Edit and remove forms for one item of an open plan. */
export function PlanItemForms({
  plan,
  kind,
  id,
  label,
  fields,
  actions,
  intro,
}: {
  plan: PlanDetail;
  kind: PlanItemKind;
  id: string;
  label: string;
  fields: FieldSpec[];
  actions: CarePlanActions;
  intro?: ReactNode;
}) {
  const version = { version: String(plan.version) };
  return (
    <details className="mt-2 print:hidden">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit or remove {label}</summary>
      <div className="mt-3 space-y-3 rounded border border-slate-300 p-3">
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
      </div>
    </details>
  );
}

const ADD_LABEL: Record<PlanItemKind, string> = {
  problem: "Add a problem or need",
  goal: "Add a goal",
  intervention: "Add an intervention",
};

/** The form that adds a problem, goal or intervention to an open plan. */
export function AddPlanItemForm({
  plan,
  kind,
  fields,
  actions,
  intro,
}: {
  plan: PlanDetail;
  kind: PlanItemKind;
  fields: FieldSpec[];
  actions: CarePlanActions;
  intro?: ReactNode;
}) {
  return (
    <Expander className="mt-3 border-dashed print:hidden" summary={ADD_LABEL[kind]}>
      {intro}
      <ActionForm
        action={actions.addItem.bind(null, plan.id, kind)}
        hidden={{ version: String(plan.version) }}
        submitLabel={`Add ${kind}`}
        fields={fields}
      />
    </Expander>
  );
}
