import type { FieldSpec } from "@/components/action-form";
import { labelOptions } from "@/components/ui/options";
import type { PlanContent, PlanDetail } from "@/lib/care-plans";
import { GOAL_PRIORITY_LABELS, GOAL_STATUS_LABELS } from "@/lib/care-plans/schemas";
import { formatCalendarDate } from "@/lib/time";
import type { CarePlanActions } from "./plan-actions";
import { AddPlanItemForm, PlanItemForms } from "./plan-item-forms";

type Goal = PlanContent["goals"][number];

function goalFields(g?: Goal): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "Goal",
      required: true,
      maxLength: 1000,
      defaultValue: g?.description,
    },
    {
      kind: "text",
      name: "measure",
      label: "How we will know",
      hint: "A measure, e.g. 'Walks 20 minutes without stopping'.",
      defaultValue: g?.measure ?? undefined,
    },
    { kind: "date", name: "targetDate", label: "Target date", defaultValue: g?.targetDate ?? undefined },
    {
      kind: "select",
      name: "status",
      label: "Status",
      options: labelOptions(GOAL_STATUS_LABELS),
      defaultValue: g?.status,
    },
    {
      kind: "select",
      name: "priority",
      label: "Priority",
      options: labelOptions(GOAL_PRIORITY_LABELS),
      defaultValue: g?.priority ?? "medium",
    },
    {
      kind: "checkbox",
      name: "patientSet",
      label: "The patient set this goal",
      defaultChecked: g?.patientSet,
    },
  ];
}

/** The plan's goals, each with its measure, target, status and priority. */
export function PlanGoals({
  plan,
  editable,
  actions,
}: {
  plan: PlanDetail;
  editable: boolean;
  actions: CarePlanActions;
}) {
  const { goals } = plan.content;
  return (
    <section aria-labelledby="goals-heading" className="rounded-lg bg-white p-5 shadow-sm">
      <h3 id="goals-heading" className="text-lg font-semibold">
        Goals ({goals.length})
      </h3>
      {goals.length === 0 ? (
        <p className="mt-2">
          No goals yet{editable ? ". A plan needs at least one goal to be activated." : "."}
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {goals.map((g) => (
            <li key={g.id} id={`goal-${g.id}`} className="border-b border-slate-200 pb-3 last:border-0">
              <p className="font-medium">
                {g.description}
                {g.patientSet ? (
                  <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm font-normal text-brand-800">
                    Set by the patient
                  </span>
                ) : null}
              </p>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                {g.measure ? (
                  <>
                    <dt className="text-slate-600">Measure</dt>
                    <dd>{g.measure}</dd>
                  </>
                ) : null}
                <dt className="text-slate-600">Target</dt>
                <dd>{g.targetDate ? formatCalendarDate(g.targetDate) : "No date set"}</dd>
                <dt className="text-slate-600">Status</dt>
                <dd>{GOAL_STATUS_LABELS[g.status]}</dd>
                <dt className="text-slate-600">Priority</dt>
                <dd>{GOAL_PRIORITY_LABELS[g.priority]}</dd>
              </dl>
              {editable ? (
                <PlanItemForms
                  plan={plan}
                  kind="goal"
                  id={g.id}
                  label={`“${g.description}”`}
                  fields={goalFields(g)}
                  actions={actions}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? <AddPlanItemForm plan={plan} kind="goal" fields={goalFields()} actions={actions} /> : null}
    </section>
  );
}
