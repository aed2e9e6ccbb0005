import type { ReactNode } from "react";
import type { FieldSpec } from "@/components/action-form";
import type { WritingForNeed } from "@/components/language/writing-for";
import { EmptyState } from "@/components/ui/empty-state";
import type { PlanDetail, PlanItemKind } from "@/lib/care-plans";
import type { CarePlanActions } from "./plan-actions";
import { AddPlanItemForm, PlanItemForms } from "./plan-item-forms";
import { PlanSection } from "./plan-section";

const spacing = {
  normal: { list: "mt-2 space-y-3", item: "border-b border-slate-200 pb-3 last:border-0" },
  dense: { list: "mt-2 space-y-2", item: "border-b border-slate-200 pb-2 last:border-0" },
} as const;

/** What each part of the plan that lists items is given. */
export interface PlanItemsProps {
  plan: PlanDetail;
  editable: boolean;
  actions: CarePlanActions;
  /** The patient's language and interpreter need, for the forms whose plain words reach them. */
  need?: WritingForNeed | null;
}

/**
 * One kind of plan item (problems, goals or interventions) as a section: each item with its edit and
 * remove forms, the add form below, when the plan can be edited; what is missing when there are none.
 */
export function PlanItemList<T extends { id: string; description: string }>({
  kind,
  title,
  items,
  empty,
  emptyNext,
  plan,
  editable,
  actions,
  fields,
  density = "normal",
  intro,
  children,
}: PlanItemsProps & {
  kind: PlanItemKind;
  title: string;
  items: readonly T[];
  /** What the section says when there are no items; `emptyNext` is added for those who may add one. */
  empty: string;
  emptyNext: string;
  /** The fields of the edit form (given the item) and of the add form (given nothing). */
  fields: (item?: T) => FieldSpec[];
  density?: keyof typeof spacing;
  /** Shown above the edit and add forms: whom the words go to, when they reach the patient. */
  intro?: ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <PlanSection id={`${kind}s-heading`} title={title} count={items.length}>
      {items.length === 0 ? (
        <EmptyState framed={false} className="mt-2" next={editable ? emptyNext : undefined}>
          {empty}
        </EmptyState>
      ) : (
        <ul className={spacing[density].list}>
          {items.map((item) => (
            <li key={item.id} id={`${kind}-${item.id}`} className={spacing[density].item}>
              {children(item)}
              {editable ? (
                <PlanItemForms
                  plan={plan}
                  kind={kind}
                  id={item.id}
                  label={`“${item.description}”`}
                  fields={fields(item)}
                  actions={actions}
                  intro={intro}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <AddPlanItemForm plan={plan} kind={kind} fields={fields()} actions={actions} intro={intro} />
      ) : null}
    </PlanSection>
  );
}
