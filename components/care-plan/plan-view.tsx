import type { WritingForNeed } from "@/components/language/writing-for";
import type { CarePlanListItem, CarePlanPage, PlanDetail, PlanVersionEntry } from "@/lib/care-plans";
import { opensItem } from "@/lib/care-plans/schemas";
import type { PlanPlace } from "./open-form";
import type { CarePlanActions } from "./plan-actions";
import { PlanGoals } from "./plan-goals";
import { PlanHeader } from "./plan-header";
import { PlanInterventions } from "./plan-interventions";
import { PlanProblems } from "./plan-problems";
import { PlanVersionHistory } from "./plan-version-history";
import { SaveAsTemplateForm } from "./save-as-template-form";

/** What the page shows of the plan beside the plan itself. */
export interface PlanViewData {
  staff: boolean;
  canWrite: boolean;
  today: string;
  languageNeed: WritingForNeed | null;
  plans: CarePlanListItem[];
  owners: CarePlanPage["owners"];
  history: PlanVersionEntry[];
}

/**
 * The chosen plan in full: its header, its problems, goals and interventions, for staff the link to
 * its history (or the history), and at most one form, the one opened (`place.open`).
 */
export function PlanView({
  data,
  plan,
  place,
  actions,
}: {
  data: PlanViewData;
  plan: PlanDetail;
  place: PlanPlace;
  actions: CarePlanActions;
}) {
  const editable = data.canWrite && (plan.status === "draft" || plan.status === "active");
  const { problems, goals, interventions } = plan.content;
  // An item's form asked for after the item came off the plan (just removed, most often).
  const gone =
    editable &&
    place.open !== null &&
    opensItem(place.open) &&
    ![...problems, ...goals, ...interventions].some((i) => i.id === place.open);
  const items = { plan, place, editable, actions };
  return (
    <div className="space-y-6">
      <PlanHeader
        plan={plan}
        place={place}
        staff={data.staff}
        today={data.today}
        need={data.languageNeed}
        plans={data.plans}
        editable={editable}
        actions={actions}
      />
      {gone ? (
        <p role="status" className="rounded border-l-4 border-brand-600 bg-white px-3 py-2">
          That item is no longer on the plan. The plan's version history keeps what was removed, with who
          removed it.
        </p>
      ) : null}
      <PlanProblems {...items} />
      <PlanGoals {...items} need={data.languageNeed} />
      <PlanInterventions {...items} need={data.languageNeed} today={data.today} owners={data.owners} />
      {data.staff ? <PlanVersionHistory place={place} history={data.history} /> : null}
      {data.canWrite && goals.length > 0 ? (
        <SaveAsTemplateForm place={place} action={actions.saveTemplate} />
      ) : null}
    </div>
  );
}
