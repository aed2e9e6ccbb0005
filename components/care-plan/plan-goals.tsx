import type { FieldSpec } from "@/components/action-form";
import { Facts } from "@/components/ui/facts";
import { labelOptions } from "@/components/ui/options";
import type { PlanContent } from "@/lib/care-plans";
import { GOAL_PRIORITY_LABELS, GOAL_STATUS_LABELS } from "@/lib/care-plans/schemas";
import { formatCalendarDate } from "@/lib/time";
import { PlanItemList, type PlanItemsProps } from "./plan-item-list";
import { PlainWordsFor, type PlainWordsLanguage, plainWordsFact, plainWordsField } from "./plan-plain-words";

type Goal = PlanContent["goals"][number];

function goalFields(language: PlainWordsLanguage, g?: Goal): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "Goal",
      required: true,
      maxLength: 1000,
      defaultValue: g?.description,
    },
    plainWordsField(language, g?.plainWords),
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

/** The plan's goals, each with its plain words for the patient, measure, target, status and priority. */
export function PlanGoals(props: PlanItemsProps) {
  const language = props.plan.plainWordsLanguage;
  return (
    <PlanItemList
      kind="goal"
      title="Goals"
      items={props.plan.content.goals}
      empty="No goals yet."
      emptyNext="A plan needs at least one goal to be activated."
      {...props}
      fields={(g) => goalFields(language, g)}
      intro={<PlainWordsFor need={props.need ?? null} />}
    >
      {(g) => (
        <>
          <p>
            {g.description}
            {g.patientSet ? (
              <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm font-normal text-brand-800">
                Set by the patient
              </span>
            ) : null}
          </p>
          <Facts
            layout="list"
            items={[
              plainWordsFact(language, g.plainWords),
              { label: "Measure", value: g.measure },
              { label: "Target", value: g.targetDate ? formatCalendarDate(g.targetDate) : "No date set" },
              { label: "Status", value: GOAL_STATUS_LABELS[g.status] },
              { label: "Priority", value: GOAL_PRIORITY_LABELS[g.priority] },
            ]}
          />
        </>
      )}
    </PlanItemList>
  );
}
