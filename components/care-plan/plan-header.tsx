import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { languageName, type WritingForNeed } from "@/components/language/writing-for";
import { Card } from "@/components/ui/card";
import type { CarePlanListItem, PlanDetail } from "@/lib/care-plans";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { OpenFormLink, OpenFormPanel, type PlanPlace } from "./open-form";
import type { CarePlanActions } from "./plan-actions";
import { PlanLifecycleForms } from "./plan-lifecycle-forms";
import { PlainWordsFor, plainWordsLanguageField } from "./plan-plain-words";
import { PlanStatusBadge } from "./plan-status-badge";

const DETAILS = "Edit the name, review date and plain-words language";

/**
 * The plan's name, state and dates, whether its review is due, and (on an open plan, for whoever
 * may write it) the link to the form that renames it and moves its review date, and the buttons
 * that move it along its lifecycle.
 */
export function PlanHeader({
  plan,
  place,
  staff,
  today,
  need,
  plans,
  editable,
  actions,
}: {
  plan: PlanDetail;
  place: PlanPlace;
  staff: boolean;
  today: string;
  need: WritingForNeed | null;
  /** The patient's plans, to name the active one that activating this plan replaces. */
  plans: CarePlanListItem[];
  editable: boolean;
  actions: CarePlanActions;
}) {
  const reviewDue = plan.status === "active" && plan.reviewDate <= today;
  return (
    <Card as="section" padding={5} aria-labelledby="plan-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="plan-heading">
          {plan.title} <PlanStatusBadge status={plan.status} />
        </h2>
        <Link href={`/patients/${place.patientId}/care-plan/print?plan=${plan.id}`} className="print:hidden">
          Print for the patient and family
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        Review by {formatCalendarDate(plan.reviewDate)}
        {plan.activatedAt ? ` · active since ${formatDateTime(plan.activatedAt)}` : ""}
        {plan.endedAt ? ` · closed ${formatDateTime(plan.endedAt)}` : ""}
        {plan.templateName ? ` · started from “${plan.templateName}”` : ""}
      </p>
      {staff ? (
        <p className="text-sm text-slate-700">
          Plain words for the patient written in {languageName(plan.plainWordsLanguage)}
        </p>
      ) : null}
      {staff ? (
        <p className="text-sm text-slate-700">
          Version {plan.version}, saved by {plan.updatedByName} {formatDateTime(plan.updatedAt)}
        </p>
      ) : null}
      {plan.endReason ? <p className="mt-2">Reason: {plan.endReason}</p> : null}
      {reviewDue ? (
        <p className="mt-2 rounded border-l-4 border-amber-600 bg-amber-50 px-3 py-2">
          This plan is due for review. Review it with the patient and set the next review date.
        </p>
      ) : null}
      {editable ? (
        <div className="mt-4 space-y-4">
          {place.open === "details" ? (
            <OpenFormPanel place={place} title={DETAILS} heading="h3" closeTo="plan-heading">
              <PlainWordsFor need={need} />
              <ActionForm
                action={actions.updateDetails.bind(null, plan.id)}
                hidden={{ version: String(plan.version) }}
                submitLabel="Save plan"
                fields={[
                  {
                    kind: "text",
                    name: "title",
                    label: "Plan name",
                    required: true,
                    defaultValue: plan.title,
                  },
                  {
                    kind: "date",
                    name: "reviewDate",
                    label: "Review date",
                    required: true,
                    defaultValue: plan.reviewDate,
                  },
                  plainWordsLanguageField(plan.plainWordsLanguage),
                ]}
              />
            </OpenFormPanel>
          ) : (
            <OpenFormLink place={place} form="details" className="">
              {DETAILS}
            </OpenFormLink>
          )}
          <PlanLifecycleForms plan={plan} plans={plans} place={place} actions={actions} />
        </div>
      ) : null}
    </Card>
  );
}
