import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm, type FieldSpec } from "@/components/action-form";
import { PatientPreferencesPanel, PlanStatusBadge } from "@/components/care-plan";
import { PatientHeading } from "@/components/patient-nav";
import { labelOptions } from "@/components/ui/options";
import { requireActor } from "@/lib/auth/current-user";
import {
  CarePlanIdSchema,
  type CarePlanPage,
  GOAL_PRIORITY_LABELS,
  GOAL_STATUS_LABELS,
  getCarePlanPage,
  INTERVENTION_STATUS_LABELS,
  PLAN_TRANSITIONS,
  type PlanContent,
  type PlanDetail,
  type PlanItemKind,
} from "@/lib/care-plans";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { addDaysIso, formatCalendarDate, formatDateTime } from "@/lib/time";
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

type Goal = PlanContent["goals"][number];
type Intervention = PlanContent["interventions"][number];

function goalFields(g?: Goal): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "Goal",
      required: true,
      maxLength: 1000,
      defaultValue: g?.description,
    },
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

function interventionFields(data: CarePlanPage, plan: PlanDetail, i?: Intervention): FieldSpec[] {
  return [
    {
      kind: "textarea",
      name: "description",
      label: "What will be done",
      required: true,
      maxLength: 1000,
      defaultValue: i?.description,
    },
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
    { kind: "select", name: "owner", label: "Owner", options: data.owners, defaultValue: i?.ownerKey ?? "" },
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

/** Edit and remove forms for one item of an open plan. */
function ItemForms({
  plan,
  kind,
  id,
  label,
  fields,
}: {
  plan: PlanDetail;
  kind: PlanItemKind;
  id: string;
  label: string;
  fields: FieldSpec[];
}) {
  const version = { version: String(plan.version) };
  return (
    <details className="mt-2 print:hidden">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit or remove {label}</summary>
      <div className="mt-3 space-y-3 rounded border border-slate-300 p-3">
        <ActionForm
          action={editPlanItemAction.bind(null, plan.id, kind, id)}
          hidden={version}
          submitLabel={`Save ${kind}`}
          fields={fields}
        />
        <ActionForm
          action={removePlanItemAction.bind(null, plan.id, kind, id)}
          hidden={version}
          submitLabel={`Remove ${kind}`}
          variant="danger"
          fields={[]}
          confirm={{
            title: `Remove this ${kind}?`,
            body: "It comes off the plan. The plan's version history keeps it, with your name.",
            confirmLabel: `Remove ${kind}`,
          }}
        />
      </div>
    </details>
  );
}

const ADD_LABEL: Record<PlanItemKind, string> = {
  problem: "Add a problem or need",
  goal: "Add a goal",
  intervention: "Add an intervention",
};

function AddForm({ plan, kind, fields }: { plan: PlanDetail; kind: PlanItemKind; fields: FieldSpec[] }) {
  return (
    <details className="mt-3 rounded border border-dashed border-slate-400 p-3 print:hidden">
      <summary className="cursor-pointer font-medium">{ADD_LABEL[kind]}</summary>
      <div className="mt-3">
        <ActionForm
          action={addPlanItemAction.bind(null, plan.id, kind)}
          hidden={{ version: String(plan.version) }}
          submitLabel={`Add ${kind}`}
          fields={fields}
        />
      </div>
    </details>
  );
}

function PlanSections({ data, plan, editable }: { data: CarePlanPage; plan: PlanDetail; editable: boolean }) {
  const { problems, goals, interventions } = plan.content;
  const open = plan.status === "active" || plan.status === "draft";
  return (
    <>
      <section aria-labelledby="problems-heading" className="rounded-lg bg-white p-5 shadow-sm">
        <h3 id="problems-heading" className="text-lg font-semibold">
          Problems and needs ({problems.length})
        </h3>
        {problems.length === 0 ? (
          <p className="mt-2">
            No problems or needs recorded{editable ? ". Add what this plan addresses." : "."}
          </p>
        ) : (
          <ul className="mt-2 space-y-2">
            {problems.map((p) => (
              <li key={p.id} id={`problem-${p.id}`} className="border-b border-slate-200 pb-2 last:border-0">
                <p>{p.description}</p>
                {editable ? (
                  <ItemForms
                    plan={plan}
                    kind="problem"
                    id={p.id}
                    label={`“${p.description}”`}
                    fields={[
                      {
                        kind: "textarea",
                        name: "description",
                        label: "Problem or need",
                        required: true,
                        maxLength: 1000,
                        defaultValue: p.description,
                      },
                    ]}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <AddForm
            plan={plan}
            kind="problem"
            fields={[
              {
                kind: "textarea",
                name: "description",
                label: "Problem or need",
                required: true,
                maxLength: 1000,
              },
            ]}
          />
        ) : null}
      </section>

      <section aria-labelledby="goals-heading" className="rounded-lg bg-white p-5 shadow-sm">
        <h3 id="goals-heading" className="text-lg font-semibold">
          Goals ({goals.length})
        </h3>
        {goals.length === 0 ? (
          <p className="mt-2">
            No goals yet{editable ? ". A plan needs at least one goal to be activated." : "."}
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {goals.map((g) => (
              <li key={g.id} id={`goal-${g.id}`} className="border-b border-slate-200 pb-3 last:border-0">
                <p className="font-medium">
                  {g.description}
                  {g.patientSet ? (
                    <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm font-normal text-brand-800">
                      Set by the patient
                    </span>
                  ) : null}
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  {g.measure ? (
                    <>
                      <dt className="text-slate-600">Measure</dt>
                      <dd>{g.measure}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-600">Target</dt>
                  <dd>{g.targetDate ? formatCalendarDate(g.targetDate) : "No date set"}</dd>
                  <dt className="text-slate-600">Status</dt>
                  <dd>{GOAL_STATUS_LABELS[g.status]}</dd>
                  <dt className="text-slate-600">Priority</dt>
                  <dd>{GOAL_PRIORITY_LABELS[g.priority]}</dd>
                </dl>
                {editable ? (
                  <ItemForms
                    plan={plan}
                    kind="goal"
                    id={g.id}
                    label={`“${g.description}”`}
                    fields={goalFields(g)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editable ? <AddForm plan={plan} kind="goal" fields={goalFields()} /> : null}
      </section>

      <section aria-labelledby="interventions-heading" className="rounded-lg bg-white p-5 shadow-sm">
        <h3 id="interventions-heading" className="text-lg font-semibold">
          Interventions and tasks ({interventions.length})
        </h3>
        {interventions.length === 0 ? (
          <p className="mt-2">No interventions yet{editable ? ". Add who does what, by when." : "."}</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {interventions.map((i) => {
              const overdue =
                open &&
                i.dueDate !== null &&
                i.dueDate < data.today &&
                (i.status === "not-started" || i.status === "in-progress");
              return (
                <li
                  key={i.id}
                  id={`intervention-${i.id}`}
                  className="border-b border-slate-200 pb-3 last:border-0"
                >
                  <p className="font-medium">{i.description}</p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                    <dt className="text-slate-600">Owner</dt>
                    <dd>{i.ownerName ?? "Not assigned yet"}</dd>
                    <dt className="text-slate-600">Due</dt>
                    <dd>
                      {i.dueDate ? formatCalendarDate(i.dueDate) : "No date set"}
                      {overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
                    </dd>
                    <dt className="text-slate-600">Status</dt>
                    <dd>{INTERVENTION_STATUS_LABELS[i.status]}</dd>
                    {i.goalDescription ? (
                      <>
                        <dt className="text-slate-600">For goal</dt>
                        <dd>{i.goalDescription}</dd>
                      </>
                    ) : null}
                  </dl>
                  {editable ? (
                    <ItemForms
                      plan={plan}
                      kind="intervention"
                      id={i.id}
                      label={`“${i.description}”`}
                      fields={interventionFields(data, plan, i)}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {editable ? (
          <AddForm plan={plan} kind="intervention" fields={interventionFields(data, plan)} />
        ) : null}
      </section>
    </>
  );
}

/** The lifecycle buttons the plan's state allows, each behind a confirmation. */
function LifecycleForms({ data, plan }: { data: CarePlanPage; plan: PlanDetail }) {
  const version = { version: String(plan.version) };
  const replacing = data.plans.find((p) => p.status === "active" && p.id !== plan.id);
  const moves = PLAN_TRANSITIONS[plan.status];
  if (moves.length === 0) return null;
  return (
    <div className="flex flex-wrap items-start gap-6">
      {moves.includes("active") ? (
        <ActionForm
          action={transitionPlanAction.bind(null, plan.id, "active")}
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
          action={transitionPlanAction.bind(null, plan.id, "completed")}
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
        action={transitionPlanAction.bind(null, plan.id, "revoked")}
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

function PlanView({ data, plan }: { data: CarePlanPage; plan: PlanDetail }) {
  const editable = data.canWrite && (plan.status === "draft" || plan.status === "active");
  const reviewDue = plan.status === "active" && plan.reviewDate <= data.today;
  return (
    <div className="space-y-6">
      <section aria-labelledby="plan-heading" className="rounded-lg bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="plan-heading">
            {plan.title} <PlanStatusBadge status={plan.status} />
          </h2>
          <Link
            href={`/patients/${data.patient.id}/care-plan/print?plan=${plan.id}`}
            className="print:hidden"
          >
            Print for the patient and family
          </Link>
        </div>
        <p className="mt-1 text-sm text-slate-700">
          Review by {formatCalendarDate(plan.reviewDate)}
          {plan.activatedAt ? ` · active since ${formatDateTime(plan.activatedAt)}` : ""}
          {plan.endedAt ? ` · closed ${formatDateTime(plan.endedAt)}` : ""}
          {plan.templateName ? ` · started from “${plan.templateName}”` : ""}
        </p>
        {data.staff ? (
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
            <details>
              <summary className="cursor-pointer font-medium">Edit the name and review date</summary>
              <div className="mt-3">
                <ActionForm
                  action={updatePlanDetailsAction.bind(null, plan.id)}
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
                  ]}
                />
              </div>
            </details>
            <LifecycleForms data={data} plan={plan} />
          </div>
        ) : null}
      </section>
      <PlanSections data={data} plan={plan} editable={editable} />
      {data.staff ? (
        <section aria-labelledby="history-heading" className="rounded-lg bg-white p-5 shadow-sm print:hidden">
          <h3 id="history-heading" className="text-lg font-semibold">
            Version history
          </h3>
          <ol className="mt-2 space-y-3">
            {data.history.map((v) => (
              <li key={v.version}>
                <p className="font-medium">
                  Version {v.version} · {v.changedBy} · {formatDateTime(v.changedAt)}
                </p>
                <ul className="list-disc pl-6">
                  {v.changes.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {data.history.length > 0 && data.history.at(-1)!.version > 1 ? (
            <p className="mt-2 text-sm text-slate-700">Showing the latest {data.history.length} versions.</p>
          ) : null}
        </section>
      ) : null}
      {data.canWrite && plan.content.goals.length > 0 ? (
        <details className="rounded-lg bg-white p-5 shadow-sm print:hidden">
          <summary className="cursor-pointer font-medium">Save this plan as a template</summary>
          <div className="mt-3">
            <ActionForm
              action={saveTemplateAction.bind(null, plan.id)}
              submitLabel="Save as template"
              fields={[
                { kind: "text", name: "name", label: "Template name", required: true },
                {
                  kind: "textarea",
                  name: "description",
                  label: "When to use it",
                  required: true,
                  maxLength: 500,
                  hint: "The template keeps the problems, goals and tasks, with dates as days from the start, and no owners. Remove anything that identifies this patient first.",
                },
              ]}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}

export default async function CarePlanRoute({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ plan?: string | string[] }>;
}) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const { plan: planParam } = await searchParams;
  let planId: string | null = null;
  if (planParam !== undefined) {
    const plan = CarePlanIdSchema.safeParse(planParam);
    if (!plan.success) notFound();
    planId = plan.data;
  }
  const actor = await requireActor();
  const data = await orNotFound(getCarePlanPage(actor, parsed.data, planId));
  const hasDraft = data.plans.some((p) => p.status === "draft");
  return (
    <>
      <PatientHeading patient={data.patient} current="care-plan" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div>
          {data.plan ? (
            <PlanView data={data} plan={data.plan} />
          ) : (
            <p className="rounded-lg bg-white p-5 shadow-sm">
              {data.canWrite
                ? "No care plan yet. Start one from a template or a blank page with the form beside this."
                : data.staff
                  ? "No care plan yet. The patient's care coordinator starts one."
                  : "Your care team has not shared a care plan with you yet."}
            </p>
          )}
        </div>
        <aside className="space-y-6">
          {data.canReadPreferences ? (
            <PatientPreferencesPanel givenName={data.patient.givenName} preferences={data.preferences} />
          ) : null}
          {data.plans.length > 0 ? (
            <nav aria-labelledby="plans-heading" className="rounded-lg bg-white p-5 shadow-sm print:hidden">
              <h2 id="plans-heading" className="text-lg">
                All plans ({data.plans.length})
              </h2>
              <ul className="mt-2 space-y-2">
                {data.plans.map((p) => (
                  <li key={p.id}>
                    <Link
                      href={`/patients/${data.patient.id}/care-plan?plan=${p.id}`}
                      aria-current={p.id === data.plan?.id ? "page" : undefined}
                      className={p.id === data.plan?.id ? "font-semibold" : undefined}
                    >
                      {p.title}
                    </Link>{" "}
                    <PlanStatusBadge status={p.status} />
                    <span className="block text-sm text-slate-700">
                      Started {formatDateTime(p.createdAt)}
                      {p.endedAt ? `, closed ${formatDateTime(p.endedAt)}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {data.canWrite ? (
            <section
              aria-labelledby="start-heading"
              className="rounded-lg bg-white p-5 shadow-sm print:hidden"
            >
              <h2 id="start-heading" className="text-lg">
                Start a new plan
              </h2>
              {hasDraft ? (
                <p className="mt-2">
                  A draft is already open. Finish or withdraw it before starting another.
                </p>
              ) : (
                <div className="mt-3">
                  <ActionForm
                    action={startPlanAction.bind(null, data.patient.id)}
                    submitLabel="Start draft plan"
                    fields={[
                      { kind: "text", name: "title", label: "Plan name", required: true },
                      {
                        kind: "select",
                        name: "templateId",
                        label: "Start from",
                        options: [
                          { value: "", label: "A blank plan" },
                          ...data.templates.map((t) => ({ value: t.id, label: `Template: ${t.name}` })),
                        ],
                      },
                      {
                        kind: "date",
                        name: "reviewDate",
                        label: "Review date",
                        required: true,
                        defaultValue: addDaysIso(data.today, 90),
                      },
                    ]}
                  />
                </div>
              )}
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
