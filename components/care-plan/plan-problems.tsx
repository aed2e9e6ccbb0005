import type { FieldSpec } from "@/components/action-form";
import type { PlanDetail } from "@/lib/care-plans";
import type { CarePlanActions } from "./plan-actions";
import { AddPlanItemForm, PlanItemForms } from "./plan-item-forms";

function problemFields(description?: string): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "Problem or need",
      required: true,
      maxLength: 1000,
      defaultValue: description,
    },
  ];
}

/** The problems and needs the plan addresses, with their forms when the plan can be edited. */
export function PlanProblems({
  plan,
  editable,
  actions,
}: {
  plan: PlanDetail;
  editable: boolean;
  actions: CarePlanActions;
}) {
  const { problems } = plan.content;
  return (
    <section aria-labelledby="problems-heading" className="rounded-lg bg-white p-5 shadow-sm">
      <h3 id="problems-heading" className="text-lg font-semibold">
        Problems and needs ({problems.length})
      </h3>
      {problems.length === 0 ? (
        <p className="mt-2">
          No problems or needs recorded{editable ? ". Add what this plan addresses." : "."}
        </p>
      ) : (
        <ul className="mt-2 space-y-2">
          {problems.map((p) => (
            <li key={p.id} id={`problem-${p.id}`} className="border-b border-slate-200 pb-2 last:border-0">
              <p>{p.description}</p>
              {editable ? (
                <PlanItemForms
                  plan={plan}
                  kind="problem"
                  id={p.id}
                  label={`“${p.description}”`}
                  fields={problemFields(p.description)}
                  actions={actions}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <AddPlanItemForm plan={plan} kind="problem" fields={problemFields()} actions={actions} />
      ) : null}
    </section>
  );
}
