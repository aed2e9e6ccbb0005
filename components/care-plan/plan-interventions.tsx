import type { FieldSpec } from "@/components/action-form";
import { Facts } from "@/components/ui/facts";
import { labelOptions } from "@/components/ui/options";
import type { CarePlanPage, PlanContent, PlanDetail } from "@/lib/care-plans";
import { INTERVENTION_STATUS_LABELS } from "@/lib/care-plans/schemas";
import { formatCalendarDate } from "@/lib/time";
import { PlanItemList, type PlanItemsProps } from "./plan-item-list";
import { PlainWordsFor, plainWordsFact, plainWordsField } from "./plan-plain-words";

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
    plainWordsField(plan.plainWordsLanguage, i?.plainWords),
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
  today,
  owners,
  ...props
}: PlanItemsProps & { today: string; owners: Owners }) {
  const { plan } = props;
  const open = plan.status === "active" || plan.status === "draft";
  const isOverdue = (i: Intervention) =>
    open &&
    i.dueDate !== null &&
    i.dueDate < today &&
    (i.status === "not-started" || i.status === "in-progress");
  return (
    <PlanItemList
      kind="intervention"
      title="Interventions and tasks"
      items={plan.content.interventions}
      empty="No interventions yet."
      emptyNext="Add who does what, by when."
      {...props}
      fields={(i) => interventionFields(owners, plan, i)}
      intro={<PlainWordsFor need={props.need ?? null} />}
    >
      {(i) => (
        <>
          <p>{i.description}</p>
          <Facts
            layout="list"
            items={[
              plainWordsFact(plan.plainWordsLanguage, i.plainWords),
              { label: "Owner", value: i.ownerName ?? "Not assigned yet" },
              {
                label: "Due",
                value: (
                  <>
                    {i.dueDate ? formatCalendarDate(i.dueDate) : "No date set"}
                    {isOverdue(i) ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
                  </>
                ),
              },
              { label: "Status", value: INTERVENTION_STATUS_LABELS[i.status] },
              { label: "For goal", value: i.goalDescription },
            ]}
          />
        </>
      )}
    </PlanItemList>
  );
}
