import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { ChoosePerson, MyDetailsCard, PlanSummaryCard } from "@/components/portal/home-panels";
import type { Correction } from "@/components/portal/item-correction";
import { PortalActions } from "@/components/portal/portal-actions";
import { TIMELINE_STYLES, TimelineEntry } from "@/components/portal/timeline-item";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { DIRECTIVE_WORDS } from "@/lib/i18n/directives";
import { portalFormat } from "@/lib/i18n/format";
import { REFERRAL_WORDS } from "@/lib/i18n/referrals";
import { screeningWordsFor } from "@/lib/i18n/screening";
import { portalMessages } from "@/lib/i18n/server";
import { getTimeline, TIMELINE_KINDS, TimelineCursorSchema } from "@/lib/portal/timeline";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { fileCorrectionAction } from "./actions";

export const metadata: Metadata = { title: "My care" };

const QuerySchema = z.object({
  kind: z.enum(TIMELINE_KINDS).optional().catch(undefined),
  /** Where an older page of the history starts (the "Show older items" link). */
  before: TimelineCursorSchema.optional().catch(undefined),
  /** The item whose "This is wrong" form is open: "kind:id". */
  correct: z
    .string()
    .regex(/^(appointment|update|message):[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
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
  if (viewing.kind === "choose") return <ChoosePerson choices={viewing.choices} t={t} />;
  const query = QuerySchema.parse({ kind: raw.kind, before: raw.before, correct: raw.correct });
  const timeline = await orNotFound(
    getTimeline(actor, viewing.patientId, { kind: query.kind, before: query.before, reader: locale }),
  );
  const keep = viewingQuery(viewing);
  const withKeep = (path: string) => (keep ? `${path}${path.includes("?") ? "&" : "?"}${keep}` : path);
  // This page's address with other search params: family keep the patient, every link the filter.
  const here = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams(keep);
    for (const [name, value] of Object.entries({ kind: query.kind, ...extra })) if (value) q.set(name, value);
    return `/me${q.size > 0 ? `?${q}` : ""}`;
  };
  // "This is wrong" only for a viewer the policy lets file (the patient; family never).
  const patientId = viewing.patientId;
  const correct: Correction | null = timeline.canFileRights
    ? {
        href: (subject) => `${here({ before: query.before, correct: subject })}#correct`,
        open: query.correct ?? null,
        action: (subject) => fileCorrectionAction.bind(null, patientId, subject),
      }
    : null;
  const heading =
    viewing.kind === "patient"
      ? t.timeline.ownTitle(timeline.patient.givenName)
      : t.timeline.title(timeline.patient.fullName);
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
          {!query.before && (!query.kind || query.kind === "appointment") ? (
            <section aria-labelledby="upcoming-heading">
              <SectionHeading id="upcoming-heading">{t.timeline.upcoming}</SectionHeading>
              {timeline.upcoming.length === 0 ? (
                <EmptyState>{t.timeline.noUpcoming}</EmptyState>
              ) : (
                <ul className={TIMELINE_STYLES}>
                  {timeline.upcoming.map((item) => (
                    <li key={item.id}>
                      <TimelineEntry item={item} t={t} f={f} query={keep} correct={correct} />
                    </li>
                  ))}
                </ul>
              )}
              {timeline.moreUpcoming ? (
                <p className="mt-4">
                  <Link href={here({ kind: "appointment" })}>{t.timeline.allUpcoming}</Link>
                </p>
              ) : null}
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
              <ul className={TIMELINE_STYLES}>
                {timeline.history.map((item) => (
                  <li key={`${item.kind}-${item.id}`}>
                    <TimelineEntry item={item} t={t} f={f} query={keep} correct={correct} />
                  </li>
                ))}
              </ul>
            )}
            {timeline.earlier || query.before ? (
              <p className="mt-4 flex flex-wrap gap-4">
                {timeline.earlier ? (
                  <Link href={here({ before: timeline.earlier })}>{t.timeline.more}</Link>
                ) : null}
                {query.before ? <Link href={here({})}>{t.timeline.latest}</Link> : null}
              </p>
            ) : null}
          </section>
        </div>
        <aside className="space-y-6">
          {timeline.canReadCarePlan && (timeline.plan !== null || !query.kind) ? (
            <PlanSummaryCard
              plan={timeline.plan}
              self={timeline.self}
              givenName={timeline.patient.givenName}
              locale={locale}
              t={t}
              f={f}
            />
          ) : null}
          {timeline.profile ? <MyDetailsCard profile={timeline.profile} t={t} f={f} /> : null}
        </aside>
      </TwoColumns>
    </>
  );
}
