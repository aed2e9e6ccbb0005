import type { ReactNode } from "react";
import type { FieldSpec } from "@/components/action-form";
import type { WritingForNeed } from "@/components/language/writing-for";
import { EmptyState } from "@/components/ui/empty-state";
import { FACTS_IN_LIST } from "@/components/ui/facts";
import type { PlanDetail, PlanItemKind } from "@/lib/care-plans";
import { OpenFormLink, OpenFormPanel, type PlanPlace } from "./open-form";
import type { CarePlanActions } from "./plan-actions";
import { ADD_LABEL, AddPlanItemForm, PlanItemForms } from "./plan-item-forms";
import { PlanSection } from "./plan-section";

// Set on the list, not on each item: a plan lists a dozen items or more (issue 19). An item of a
// normal list opens with its title in medium weight, then its facts (Facts of layout "list").
const ITEMS = `divide-y divide-slate-200 *:first:pt-0 *:last:pb-0 ${FACTS_IN_LIST} [&_dl]:mt-1 [&_dl]:text-sm`;
const spacing = {
  normal: `mt-2 *:py-3 [&>li>p:first-child]:font-medium ${ITEMS}`,
  dense: `mt-2 *:py-2 ${ITEMS}`,
} as const;

/** What each part of the plan that lists items is given. */
export interface PlanItemsProps {
  plan: PlanDetail;
  editable: boolean;
  actions: CarePlanActions;
  /** Where the page is, and which form is open: the items' forms are shown one at a time. */
  place: PlanPlace;
  /** The patient's language and interpreter need, for the forms whose plain words reach them. */
  need?: WritingForNeed | null;
}

/**
 * One kind of plan item (problems, goals or interventions) as a section: each item, with a link to
 * its edit and remove forms (or the forms, when opened), and the add form's link below, when the
 * plan can be edited; what is missing when there are none.
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
  place,
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
  const saved = { id: plan.id, version: plan.version };
  const adding = `add-${kind}` as const;
  return (
    <PlanSection id={`${kind}s-heading`} title={title} count={items.length}>
      {items.length === 0 ? (
        <EmptyState framed={false} className="mt-2" next={editable ? emptyNext : undefined}>
          {empty}
        </EmptyState>
      ) : (
        <ul className={spacing[density]}>
          {items.map((item) => {
            const label = `Edit or remove “${item.description}”`;
            return (
              <li key={item.id} id={`${kind}-${item.id}`}>
                {children(item)}
                {!editable ? null : place.open === item.id ? (
                  <OpenFormPanel place={place} title={label} closeTo={`${kind}-${item.id}`}>
                    <PlanItemForms
                      plan={saved}
                      kind={kind}
                      id={item.id}
                      fields={fields(item)}
                      actions={actions}
                      intro={intro}
                    />
                  </OpenFormPanel>
                ) : (
                  <OpenFormLink place={place} form={item.id} className="mt-2 text-sm">
                    {label}
                  </OpenFormLink>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!editable ? null : place.open === adding ? (
        <OpenFormPanel place={place} title={ADD_LABEL[kind]} closeTo={`${kind}s-heading`}>
          <AddPlanItemForm plan={saved} kind={kind} fields={fields()} actions={actions} intro={intro} />
        </OpenFormPanel>
      ) : (
        <OpenFormLink place={place} form={adding} className="mt-3">
          {ADD_LABEL[kind]}
        </OpenFormLink>
      )}
    </PlanSection>
  );
}
