import type { FieldSpec } from "@/components/action-form";
import { PlanItemList, type PlanItemsProps } from "./plan-item-list";

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
export function PlanProblems(props: PlanItemsProps) {
  return (
    <PlanItemList
      kind="problem"
      title="Problems and needs"
      items={props.plan.content.problems}
      empty="No problems or needs recorded."
      emptyNext="Add what this plan addresses."
      {...props}
      fields={(p) => problemFields(p?.description)}
      density="dense"
    >
      {(p) => <p>{p.description}</p>}
    </PlanItemList>
  );
}
