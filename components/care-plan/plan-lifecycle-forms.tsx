import { ActionForm } from "@/components/action-form";
import type { CarePlanListItem, PlanDetail } from "@/lib/care-plans";
import { PLAN_TRANSITIONS } from "@/lib/care-plans/schemas";
import { OpenFormLink, OpenFormPanel, type PlanPlace } from "./open-form";
import type { CarePlanActions } from "./plan-actions";

const CLOSE = "Complete or revoke this plan";

/**
 * The lifecycle buttons the plan's state allows, each behind a confirmation. A draft's are shown:
 * activating it is what comes next. An active plan's, rarely used, open from a link (`?edit=close`;
 * issue 19).
 */
export function PlanLifecycleForms({
  plan,
  plans,
  place,
  actions,
}: {
  plan: PlanDetail;
  /** The patient's plans, to name the active one that activating this plan replaces. */
  plans: CarePlanListItem[];
  place: PlanPlace;
  actions: CarePlanActions;
}) {
  const moves = PLAN_TRANSITIONS[plan.status];
  if (moves.length === 0) return null;
  if (plan.status !== "active") return <LifecycleForms plan={plan} plans={plans} actions={actions} />;
  return place.open === "close" ? (
    <OpenFormPanel place={place} title={CLOSE} heading="h3" closeTo="plan-heading">
      <LifecycleForms plan={plan} plans={plans} actions={actions} />
    </OpenFormPanel>
  ) : (
    <OpenFormLink place={place} form="close" className="">
      {CLOSE}
    </OpenFormLink>
  );
}

function LifecycleForms({
  plan,
  plans,
  actions,
}: {
  plan: PlanDetail;
  plans: CarePlanListItem[];
  actions: CarePlanActions;
}) {
  const version = { version: String(plan.version) };
  const replacing = plans.find((p) => p.status === "active" && p.id !== plan.id);
  const moves = PLAN_TRANSITIONS[plan.status];
  return (
    <div className="flex flex-wrap items-start gap-6">
      {moves.includes("active") ? (
        <ActionForm
          action={actions.transition.bind(null, plan.id, "active")}
          hidden={version}
          submitLabel="Activate plan"
          fields={[]}
          confirm={{
            title: `Activate “${plan.title}”?`,
            body: replacing
              ? `It becomes the patient's plan. The current active plan, “${replacing.title}”, will be marked completed.`
              : "It becomes the patient's plan, and the patient and family can see it.",
            confirmLabel: "Activate",
          }}
        />
      ) : null}
      {moves.includes("completed") ? (
        <ActionForm
          action={actions.transition.bind(null, plan.id, "completed")}
          hidden={version}
          submitLabel="Mark plan completed"
          fields={[
            {
              kind: "text",
              name: "reason",
              label: "Closing note",
              hint: "E.g. 'Goals met; discharged from care management'.",
            },
          ]}
          confirm={{
            title: `Complete “${plan.title}”?`,
            body: "A completed plan can no longer change. It stays in the patient's history.",
            confirmLabel: "Complete plan",
          }}
        />
      ) : null}
      <ActionForm
        action={actions.transition.bind(null, plan.id, "revoked")}
        hidden={version}
        submitLabel={plan.status === "draft" ? "Withdraw draft" : "Revoke plan"}
        variant="danger"
        fields={[
          {
            kind: "text",
            name: "reason",
            label: plan.status === "draft" ? "Why withdraw it" : "Why revoke it",
            required: true,
          },
        ]}
        confirm={{
          title: plan.status === "draft" ? `Withdraw the draft “${plan.title}”?` : `Revoke “${plan.title}”?`,
          body: "The plan is closed and can no longer change. It stays in the history with your reason.",
          confirmLabel: plan.status === "draft" ? "Withdraw draft" : "Revoke plan",
        }}
      />
    </div>
  );
}
