import Link from "next/link";
import { PlanWords } from "@/components/portal/plan-words";
import type { PortalFormat } from "@/components/portal/timeline-item";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { SharedPatient } from "@/lib/portal";
import type { PortalPlanSummary } from "@/lib/portal/timeline";

// The portal home's panels beside its timeline: whose care to see, the plan, her own details.

/** For family shared by more than one patient (or none yet): whose care to see, and what they may do. */
export function ChoosePerson({ choices, t }: { choices: SharedPatient[]; t: Messages }) {
  return (
    <>
      <h1 className="mb-4">{t.timeline.chooseSomeone}</h1>
      {choices.length === 0 ? (
        <EmptyState>{t.timeline.nobodyShared}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {choices.map((p) => {
            const name = `${p.givenName} ${p.familyName}`;
            return (
              <Card as="li" key={p.patientId}>
                <h2>{name}</h2>
                <p>{t.timeline.youAre(p.relationship)}</p>
                <p className="text-sm text-slate-700">{t.about.mayDo(p.givenName)}</p>
                <ul className="list-disc pl-5 text-sm text-slate-700">
                  {p.canViewTimeline ? <li>{t.family.scopeTimeline}</li> : null}
                  {p.canRaiseConcerns ? <li>{t.family.scopeConcerns}</li> : null}
                  {p.canViewRequests ? <li>{t.family.scopeRequests}</li> : null}
                </ul>
                <p className="mt-2 flex flex-wrap gap-4">
                  <Link href={`/me?patient=${p.patientId}`}>{t.timeline.viewCare(name)}</Link>
                  {p.canRaiseConcerns ? (
                    <Link href={`/me/concerns/new?patient=${p.patientId}`}>{t.timeline.raiseConcern}</Link>
                  ) : null}
                </p>
              </Card>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The care plan beside the timeline: its goals and next steps in plain words, or that there is none yet. */
export function PlanSummaryCard({
  plan,
  self,
  givenName,
  locale,
  t,
  f,
}: {
  plan: PortalPlanSummary | null;
  /** The patient reads "my plan"; family read "Maria's plan". */
  self: boolean;
  givenName: string;
  locale: Locale;
  t: Messages;
  f: PortalFormat;
}) {
  return (
    <CardSection
      id="plan-heading"
      title={self ? t.timeline.carePlan : t.about.carePlan(givenName)}
      headingClassName="mb-2"
      padding={5}
    >
      {plan === null ? (
        <EmptyState framed={false}>{self ? t.timeline.noCarePlan : t.about.noCarePlan(givenName)}</EmptyState>
      ) : (
        <>
          <p className="mb-2 font-medium break-words">{plan.title}</p>
          <ul className="space-y-2">
            {plan.goals.map((g) => (
              <li key={g.id}>
                <PlanWords words={g} locale={locale} t={t} />
                <span className="block text-sm text-slate-700">
                  {t.goalStatus[g.status] ?? g.status}
                  {g.targetDate ? ` · ${t.timeline.targetBy(f.date(g.targetDate))}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {plan.nextSteps.length > 0 ? (
            <>
              <h3 className="mt-4 mb-1 font-semibold">{t.timeline.nextSteps}</h3>
              <ul className="space-y-2">
                {plan.nextSteps.map((s) => (
                  <li key={s.id}>
                    <PlanWords words={s} locale={locale} t={t} />
                    <span className="block text-sm text-slate-700">
                      {s.owner ? t.timeline.who(s.owner) : ""}
                      {s.owner && s.dueDate ? " · " : ""}
                      {s.dueDate ? t.timeline.due(f.date(s.dueDate)) : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </CardSection>
  );
}

/** The patient's own details on her portal (never family's view), with her data to take away. */
export function MyDetailsCard({
  profile,
  t,
  f,
}: {
  profile: { dateOfBirth: string; mrn: string };
  t: Messages;
  f: PortalFormat;
}) {
  return (
    <CardSection id="profile-heading" title={t.timeline.myDetails} headingClassName="mb-2" padding={5}>
      <Facts
        items={[
          { label: t.timeline.dateOfBirth, value: f.date(profile.dateOfBirth) },
          { label: t.timeline.recordNumber, value: profile.mrn },
        ]}
      />
      <p className="mt-3">
        <a href="/me/export" download>
          {t.timeline.exportData}
        </a>
        <span className="block text-sm text-slate-700">{t.timeline.exportHint}</span>
      </p>
      <p className="mt-3">
        <Link href="/me/summary">{t.timeline.summary}</Link>
      </p>
    </CardSection>
  );
}
