import type { CarePlanPage, PlanDetail } from "@/lib/care-plans";
import type { CarePlanActions } from "./plan-actions";
import { PlanGoals } from "./plan-goals";
import { PlanHeader } from "./plan-header";
import { PlanInterventions } from "./plan-interventions";
import { PlanProblems } from "./plan-problems";
import { PlanVersionHistory } from "./plan-version-history";
import { SaveAsTemplateForm } from "./save-as-template-form";

/** The chosen plan in full: its header, its problems, goals and interventions, and for staff its history. */
export function PlanView({
  data,
  plan,
  actions,
}: {
  data: CarePlanPage;
  plan: PlanDetail;
  actions: CarePlanActions;
}) {
  const editable = data.canWrite && (plan.status === "draft" || plan.status === "active");
  return (
    <div className="space-y-6">
      <PlanHeader data={data} plan={plan} editable={editable} actions={actions} />
      <PlanProblems plan={plan} editable={editable} actions={actions} />
      <PlanGoals plan={plan} editable={editable} actions={actions} need={data.languageNeed} />
      <PlanInterventions
        plan={plan}
        need={data.languageNeed}
        today={data.today}
        owners={data.owners}
        editable={editable}
        actions={actions}
      />
      {data.staff ? <PlanVersionHistory history={data.history} /> : null}
      {data.canWrite && plan.content.goals.length > 0 ? (
        <SaveAsTemplateForm planId={plan.id} action={actions.saveTemplate} />
      ) : null}
    </div>
  );
}
