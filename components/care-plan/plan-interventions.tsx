import type { FieldSpec } from "@/components/action-form";
import { labelOptions } from "@/components/ui/options";
import type { CarePlanPage, PlanContent, PlanDetail } from "@/lib/care-plans";
import { INTERVENTION_STATUS_LABELS } from "@/lib/care-plans/schemas";
import { formatCalendarDate } from "@/lib/time";
import type { CarePlanActions } from "./plan-actions";
import { AddPlanItemForm, PlanItemForms } from "./plan-item-forms";

type Intervention = PlanContent["interventions"][number];
type Owners = CarePlanPage["owners"];

function interventionFields(owners: Owners, plan: PlanDetail, i?: Intervention): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "What will be done",
      required: true,
      maxLength: 1000,
      defaultValue: i?.description,
    },
    {
      kind: "select",
      name: "goalId",
      label: "For goal",
      options: [
        { value: "", label: "Not tied to one goal" },
        ...plan.content.goals.map((g) => ({ value: g.id, label: g.description })),
      ],
      defaultValue: i?.goalId ?? "",
    },
    { kind: "select", name: "owner", label: "Owner", options: owners, defaultValue: i?.ownerKey ?? "" },
    { kind: "date", name: "dueDate", label: "Due date", defaultValue: i?.dueDate ?? undefined },
    {
      kind: "select",
      name: "status",
      label: "Status",
      options: labelOptions(INTERVENTION_STATUS_LABELS),
      defaultValue: i?.status,
    },
  ];
}

/** Who does what by when: the plan's interventions, with those past due marked on an open plan. */
export function PlanInterventions({
  plan,
  today,
  owners,
  editable,
  actions,
}: {
  plan: PlanDetail;
  today: string;
  owners: Owners;
  editable: boolean;
  actions: CarePlanActions;
}) {
  const { interventions } = plan.content;
  const open = plan.status === "active" || plan.status === "draft";
  return (
    <section aria-labelledby="interventions-heading" className="rounded-lg bg-white p-5 shadow-sm">
      <h3 id="interventions-heading" className="text-lg font-semibold">
        Interventions and tasks ({interventions.length})
      </h3>
      {interventions.length === 0 ? (
        <p className="mt-2">No interventions yet{editable ? ". Add who does what, by when." : "."}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {interventions.map((i) => {
            const overdue =
              open &&
              i.dueDate !== null &&
              i.dueDate < today &&
              (i.status === "not-started" || i.status === "in-progress");
            return (
              <li
                key={i.id}
                id={`intervention-${i.id}`}
                className="border-b border-slate-200 pb-3 last:border-0"
              >
                <p className="font-medium">{i.description}</p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt className="text-slate-600">Owner</dt>
                  <dd>{i.ownerName ?? "Not assigned yet"}</dd>
                  <dt className="text-slate-600">Due</dt>
                  <dd>
                    {i.dueDate ? formatCalendarDate(i.dueDate) : "No date set"}
                    {overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
                  </dd>
                  <dt className="text-slate-600">Status</dt>
                  <dd>{INTERVENTION_STATUS_LABELS[i.status]}</dd>
                  {i.goalDescription ? (
                    <>
                      <dt className="text-slate-600">For goal</dt>
                      <dd>{i.goalDescription}</dd>
                    </>
                  ) : null}
                </dl>
                {editable ? (
                  <PlanItemForms
                    plan={plan}
                    kind="intervention"
                    id={i.id}
                    label={`“${i.description}”`}
                    fields={interventionFields(owners, plan, i)}
                    actions={actions}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {editable ? (
        <AddPlanItemForm
          plan={plan}
          kind="intervention"
          fields={interventionFields(owners, plan)}
          actions={actions}
        />
      ) : null}
    </section>
  );
}
