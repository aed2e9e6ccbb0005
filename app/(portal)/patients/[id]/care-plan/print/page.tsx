import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { EmptyState } from "@/components/ui/empty-state";
import { PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { CarePlanIdSchema, getCarePlanPage } from "@/lib/care-plans";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "Care plan to print" };

/** Where a goal stands, in the words a patient would use. */
const GOAL_PLAIN = {
  proposed: "We are agreeing this goal",
  active: "We are working on this",
  achieved: "Done: you reached this goal",
  "not-achieved": "Not reached; we will talk about next steps",
  cancelled: "No longer a goal",
} as const;
const TASK_PLAIN = {
  "not-started": "Not started yet",
  "in-progress": "Under way",
  done: "Done",
  cancelled: "No longer needed",
} as const;

/** A goal's or step's plain words beside it, when the team wrote them, marked with their language. */
function PlainWords({ language, text }: { language: string; text: string | null }) {
  if (!text) return null;
  return (
    <span className="block">
      In plain words: <span lang={language}>{text}</span>
    </span>
  );
}

/** The plan in plain language for the patient and family, laid out for paper. */
export default async function PrintCarePlanRoute({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ plan?: string | string[] }>;
}) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const { plan: planParam } = await searchParams;
  const planId = planParam === undefined ? null : CarePlanIdSchema.safeParse(planParam);
  if (planId && !planId.success) notFound();
  const actor = await requireActor();
  const data = await orNotFound(getCarePlanPage(actor, parsed.data, planId?.data ?? null, { print: true }));
  const plan = data.plan;
  const back = `/patients/${data.patient.id}/care-plan${plan ? `?plan=${plan.id}` : ""}`;
  const wanted = plan?.content.goals.filter((g) => g.status !== "cancelled") ?? [];
  const tasks = plan?.content.interventions.filter((i) => i.status !== "cancelled") ?? [];
  const voice = data.preferences;
  return (
    <PrintSheet
      kind="document"
      className="text-lg"
      printLabel="Print this plan"
      backHref={back}
      backLabel="Back to the care plan"
    >
      {!plan ? (
        <EmptyState framed={false}>There is no care plan to print yet.</EmptyState>
      ) : (
        <>
          <header className="mb-6 border-b-2 border-slate-800 pb-4">
            <p className="text-base text-slate-700">Care plan for</p>
            <h1 className="text-3xl">{data.patient.fullName}</h1>
            <p className="text-base">
              {plan.title}
              {plan.status === "draft" ? " (draft: not yet agreed)" : ""}
              {plan.status === "completed" || plan.status === "revoked" ? " (this plan has ended)" : ""}
            </p>
            <p className="text-base">
              We will look at this plan together again by {formatCalendarDate(plan.reviewDate)}. Printed{" "}
              {formatCalendarDate(data.today)}.
            </p>
          </header>
          {voice?.whatMattersMost || voice?.myGoals ? (
            <section className="mb-6 break-inside-avoid">
              <h2 className="text-xl">What you told us matters to you</h2>
              {voice.whatMattersMost ? <p>{voice.whatMattersMost}</p> : null}
              {voice.myGoals ? <p>{voice.myGoals}</p> : null}
            </section>
          ) : null}
          {plan.content.problems.length ? (
            <section className="mb-6 break-inside-avoid">
              <h2 className="text-xl">What this plan is about</h2>
              <ul className="list-disc pl-6">
                {plan.content.problems.map((p) => (
                  <li key={p.id}>{p.description}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="mb-6">
            <h2 className="text-xl">Your goals</h2>
            {wanted.length === 0 ? (
              <EmptyState framed={false}>No goals are written down yet.</EmptyState>
            ) : (
              <ol className="list-decimal space-y-3 pl-6">
                {wanted.map((g) => (
                  <li key={g.id} className="break-inside-avoid">
                    <strong>{g.description}</strong>
                    {g.patientSet ? " (your goal)" : ""}
                    <PlainWords language={plan.plainWordsLanguage} text={g.plainWords} />
                    {g.measure ? <span className="block">How we will know: {g.measure}</span> : null}
                    {g.targetDate ? (
                      <span className="block">By: {formatCalendarDate(g.targetDate)}</span>
                    ) : null}
                    <span className="block">Where things stand: {GOAL_PLAIN[g.status]}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="mb-6">
            <h2 className="text-xl">Who does what</h2>
            {tasks.length === 0 ? (
              <EmptyState framed={false}>No next steps are written down yet.</EmptyState>
            ) : (
              <table className="text-base">
                <thead>
                  <tr className="border-b border-slate-800">
                    <th scope="col" className="py-1 pr-3">
                      What
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Who
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      By when
                    </th>
                    <th scope="col" className="py-1">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.map((i) => (
                    <tr key={i.id} className="break-inside-avoid border-b border-slate-300 align-top">
                      <td className="py-1 pr-3">
                        {i.description}
                        <PlainWords language={plan.plainWordsLanguage} text={i.plainWords} />
                      </td>
                      <td className="py-1 pr-3">{i.ownerName ?? "Your care team"}</td>
                      <td className="py-1 pr-3">{i.dueDate ? formatCalendarDate(i.dueDate) : "—"}</td>
                      <td className="py-1">{TASK_PLAIN[i.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {data.contacts.length ? (
            <section className="break-inside-avoid">
              <h2 className="text-xl">Questions about your plan?</h2>
              <ul>
                {data.contacts.map((c) => (
                  <li key={c.email}>
                    {c.name}, your care {c.kind === "coordinator" ? "coordinator" : "advocate"}: {c.email}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </PrintSheet>
  );
}
