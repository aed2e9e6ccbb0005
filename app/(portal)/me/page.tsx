import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { PlanWords } from "@/components/portal/plan-words";
import { PortalActions } from "@/components/portal/portal-actions";
import { TimelineEntry } from "@/components/portal/timeline-item";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { DIRECTIVE_WORDS } from "@/lib/i18n/directives";
import { portalFormat } from "@/lib/i18n/format";
import { REFERRAL_WORDS } from "@/lib/i18n/referrals";
import { screeningWordsFor } from "@/lib/i18n/screening";
import { portalMessages } from "@/lib/i18n/server";
import { getTimeline, TIMELINE_KINDS } from "@/lib/portal/timeline";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { fileCorrectionAction } from "./actions";

export const metadata: Metadata = { title: "My care" };

const QuerySchema = z.object({
  kind: z.enum(TIMELINE_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

/** The patient's care timeline, or for family the care of the person they chose. */
export default async function MePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const raw = await searchParams;
  const viewing = await orNotFound(resolveViewing(actor, raw.patient));
  if (viewing.kind === "choose") {
    const choices = viewing.choices;
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
  const query = QuerySchema.parse({ kind: raw.kind, page: raw.page });
  const timeline = await orNotFound(getTimeline(actor, viewing.patientId, { ...query, reader: locale }));
  const profile = timeline.profile;
  const keep = viewingQuery(viewing);
  // "This is wrong" only for a viewer the policy lets file (the patient; family never).
  const patientId = viewing.patientId;
  const correct = timeline.canFileRights
    ? (subject: string) => fileCorrectionAction.bind(null, patientId, subject)
    : null;
  const withKeep = (path: string) => (keep ? `${path}${path.includes("?") ? "&" : "?"}${keep}` : path);
  const heading =
    viewing.kind === "patient"
      ? t.timeline.ownTitle(timeline.patient.givenName)
      : t.timeline.title(timeline.patient.fullName);
  const older = new URLSearchParams({
    ...(viewing.kind === "family" ? { patient: viewing.patientId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    page: String(query.page + 1),
  });
  return (
    <>
      <h1 className="mb-1 break-words">{heading}</h1>
      {viewing.kind === "family" ? (
        <p className="mb-4">
          {t.about.whose(timeline.patient.fullName)} {t.timeline.youAre(viewing.grant.relationship)}
        </p>
      ) : null}
      {viewing.kind === "family" && viewing.choices.length > 1 ? (
        <p className="mb-4">
          <Link href="/me">{t.timeline.chooseSomeone}</Link>
        </p>
      ) : null}
      <PortalActions
        label={t.timeline.actions}
        actions={[
          timeline.canRaiseConcern && {
            href: withKeep("/me/concerns/new"),
            label: t.timeline.raiseConcern,
            primary: true,
          },
          timeline.kinds.includes("message") && {
            href: withKeep("/me/messages"),
            label: t.conversations.link,
          },
          timeline.canReadPreferences && {
            href: withKeep("/me/preferences"),
            label: timeline.self ? t.timeline.preferences : t.about.preferences(timeline.patient.givenName),
          },
          timeline.canReadDirectives && { href: "/me/directives", label: DIRECTIVE_WORDS[locale].link },
          timeline.canReadReferrals && { href: "/me/referrals", label: REFERRAL_WORDS[locale].link },
          timeline.canReadDecisions && { href: "/me/decisions", label: t.timeline.decisions },
          timeline.canScreen && { href: "/me/screening", label: screeningWordsFor(t).homeLink },
          viewing.kind === "patient" && { href: "/me/access-log", label: t.timeline.accessLog },
          viewing.kind === "patient" && { href: "/me/family", label: t.timeline.family },
          timeline.canReadRightsRequests && {
            href: withKeep("/me/rights"),
            label: timeline.canFileRights
              ? t.timeline.useRights
              : t.about.requests(timeline.patient.givenName),
          },
        ]}
      />
      <TwoColumns side="22rem">
        <div className="min-w-0 space-y-8">
          {query.page === 1 && (!query.kind || query.kind === "appointment") ? (
            <section aria-labelledby="upcoming-heading">
              <SectionHeading id="upcoming-heading">{t.timeline.upcoming}</SectionHeading>
              {timeline.upcoming.length === 0 ? (
                <EmptyState>{t.timeline.noUpcoming}</EmptyState>
              ) : (
                <ul className="space-y-3">
                  {timeline.upcoming.map((item) => (
                    <li key={item.id}>
                      <TimelineEntry item={item} t={t} f={f} query={keep} correct={correct} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <section aria-labelledby="history-heading">
            <SectionHeading id="history-heading">{t.timeline.history}</SectionHeading>
            <FilterForm action="/me" className="mb-4">
              {viewing.kind === "family" ? (
                <input type="hidden" name="patient" value={viewing.patientId} />
              ) : null}
              <FilterSelect
                name="kind"
                id="timeline-kind"
                label={t.timeline.filterLabel}
                value={query.kind}
                allLabel={t.timeline.filterAll}
                options={timeline.kinds.map((k) => ({ value: k, label: t.kinds[k] }))}
              />
              <Button type="submit">{t.timeline.filterApply}</Button>
            </FilterForm>
            {timeline.history.length === 0 ? (
              <EmptyState>{t.timeline.noHistory}</EmptyState>
            ) : (
              <ul className="space-y-3">
                {timeline.history.map((item) => (
                  <li key={`${item.kind}-${item.id}`}>
                    <TimelineEntry item={item} t={t} f={f} query={keep} correct={correct} />
                  </li>
                ))}
              </ul>
            )}
            {timeline.hasMore ? (
              <p className="mt-4">
                <Link href={`/me?${older}`}>{t.timeline.more}</Link>
              </p>
            ) : null}
          </section>
        </div>
        <aside className="space-y-6">
          {timeline.canReadCarePlan && (timeline.plan !== null || !query.kind) ? (
            <CardSection
              id="plan-heading"
              title={timeline.self ? t.timeline.carePlan : t.about.carePlan(timeline.patient.givenName)}
              headingClassName="mb-2"
              padding={5}
            >
              {timeline.plan === null ? (
                <EmptyState framed={false}>
                  {timeline.self ? t.timeline.noCarePlan : t.about.noCarePlan(timeline.patient.givenName)}
                </EmptyState>
              ) : (
                <>
                  <p className="mb-2 font-medium break-words">{timeline.plan.title}</p>
                  <ul className="space-y-2">
                    {timeline.plan.goals.map((g) => (
                      <li key={g.id}>
                        <PlanWords words={g} locale={locale} t={t} />
                        <span className="block text-sm text-slate-700">
                          {t.goalStatus[g.status] ?? g.status}
                          {g.targetDate ? ` · ${t.timeline.targetBy(f.date(g.targetDate))}` : ""}
                        </span>
                      </li>
                    ))}
                  </ul>
                  {timeline.plan.nextSteps.length > 0 ? (
                    <>
                      <h3 className="mt-4 mb-1 font-semibold">{t.timeline.nextSteps}</h3>
                      <ul className="space-y-2">
                        {timeline.plan.nextSteps.map((s) => (
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
          ) : null}
          {profile ? (
            <CardSection
              id="profile-heading"
              title={t.timeline.myDetails}
              headingClassName="mb-2"
              padding={5}
            >
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
          ) : null}
        </aside>
      </TwoColumns>
    </>
  );
}
