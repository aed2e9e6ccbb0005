import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import type { PlanPlace } from "@/components/care-plan/open-form";
import { PatientPreferencesPanel } from "@/components/care-plan/patient-preferences-panel";
import type { CarePlanActions } from "@/components/care-plan/plan-actions";
import { PlanList } from "@/components/care-plan/plan-list";
import { PlanView } from "@/components/care-plan/plan-view";
import { StartPlanForm } from "@/components/care-plan/start-plan-form";
import { FlaggedDecisionsAlert } from "@/components/decisions/flagged-decisions-alert";
import { PatientHeading } from "@/components/patient-nav";
import { EmptyState } from "@/components/ui/empty-state";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import {
  CarePlanIdSchema,
  getCarePlanPage,
  type OpenForm,
  OpenFormSchema,
  opensItem,
} from "@/lib/care-plans";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  addPlanItemAction,
  editPlanItemAction,
  removePlanItemAction,
  saveTemplateAction,
  startPlanAction,
  transitionPlanAction,
  updatePlanDetailsAction,
} from "./actions";

export const metadata: Metadata = { title: "Care plan" };

const actions: CarePlanActions = {
  updateDetails: updatePlanDetailsAction,
  transition: transitionPlanAction,
  addItem: addPlanItemAction,
  editItem: editPlanItemAction,
  removeItem: removePlanItemAction,
  saveTemplate: saveTemplateAction,
};

export default async function CarePlanRoute({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  /** `plan` chooses the plan, `edit` the one form shown (see OpenFormSchema), `history=1` shows its history. */
  searchParams: Promise<{ plan?: string | string[]; edit?: string | string[]; history?: string | string[] }>;
}) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const { plan: planParam, edit, history: historyParam } = await searchParams;
  let planId: string | null = null;
  if (planParam !== undefined) {
    const plan = CarePlanIdSchema.safeParse(planParam);
    if (!plan.success) notFound();
    planId = plan.data;
  }
  let open: OpenForm | null = null;
  if (edit !== undefined) {
    const form = OpenFormSchema.safeParse(edit);
    if (!form.success) notFound();
    open = form.data;
  }
  const history = historyParam === "1";
  const actor = await requireActor();
  // The owner list is read only for a form that offers it: an item's (it may be an intervention) or a new intervention.
  const owners = open !== null && (open === "add-intervention" || opensItem(open));
  const data = await orNotFound(getCarePlanPage(actor, parsed.data, planId, { history, owners }));
  const place: PlanPlace | null = data.plan
    ? { patientId: data.patient.id, planId: data.plan.id, planInUrl: planId !== null, open, history }
    : null;
  return (
    <>
      <PatientHeading patient={data.patient} current="care-plan" />
      <FlaggedDecisionsAlert patientId={data.patient.id} flagged={data.flagged ?? []} />
      <TwoColumns side="22rem">
        <div>
          {data.plan && place ? (
            <PlanView data={data} plan={data.plan} place={place} actions={actions} />
          ) : data.staff || data.canWrite ? (
            <EmptyState
              next={
                data.canWrite
                  ? "Start one from a template or a blank page with the form beside this."
                  : "The patient's care coordinator starts one."
              }
            >
              No care plan yet.
            </EmptyState>
          ) : (
            <EmptyState>Your care team has not shared a care plan with you yet.</EmptyState>
          )}
        </div>
        <aside className="space-y-6">
          {data.canReadPreferences ? (
            <PatientPreferencesPanel givenName={data.patient.givenName} preferences={data.preferences} />
          ) : null}
          {data.plans.length > 0 ? (
            <PlanList patientId={data.patient.id} plans={data.plans} currentId={data.plan?.id} />
          ) : null}
          {data.canWrite ? (
            <StartPlanForm
              patientId={data.patient.id}
              templates={data.templates}
              today={data.today}
              draftOpen={data.plans.some((p) => p.status === "draft")}
              onRequest={place && data.plans.some((p) => p.status === "active") ? place : null}
              language={data.languageNeed?.defaultLanguage ?? "en"}
              action={startPlanAction}
            />
          ) : null}
        </aside>
      </TwoColumns>
    </>
  );
}
