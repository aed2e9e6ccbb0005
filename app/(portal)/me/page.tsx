import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { TimelineEntry } from "@/components/portal/timeline-item";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { portalMessages } from "@/lib/i18n/server";
import { getTimeline, TIMELINE_KINDS } from "@/lib/portal/timeline";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";

export const metadata: Metadata = { title: "My care" };

/** The look of the portal's secondary actions, beside the one primary "Raise a concern". */
const SECONDARY_LINK =
  "inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium no-underline";

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
          <p className="rounded bg-white p-6 shadow-sm">{t.timeline.nobodyShared}</p>
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
  const timeline = await orNotFound(getTimeline(actor, viewing.patientId, query));
  const profile = timeline.profile;
  const keep = viewingQuery(viewing);
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
      <nav aria-label={t.timeline.actions} className="mb-6">
        <ul className="flex flex-wrap gap-3">
          {timeline.canRaiseConcern ? (
            <li>
              <ButtonLink href={withKeep("/me/concerns/new")}>{t.timeline.raiseConcern}</ButtonLink>
            </li>
          ) : null}
          {timeline.canReadPreferences ? (
            <li>
              <Link href={withKeep("/me/preferences")} className={SECONDARY_LINK}>
                {timeline.self ? t.timeline.preferences : t.about.preferences(timeline.patient.givenName)}
              </Link>
            </li>
          ) : null}
          {viewing.kind === "patient" ? (
            <li>
              <Link href="/me/access-log" className={SECONDARY_LINK}>
                {t.timeline.accessLog}
              </Link>
            </li>
          ) : null}
          {viewing.kind === "patient" ? (
            <li>
              <Link href="/me/family" className={SECONDARY_LINK}>
                {t.timeline.family}
              </Link>
            </li>
          ) : null}
          {timeline.canReadRightsRequests ? (
            <li>
              <Link href={withKeep("/me/rights")} className={SECONDARY_LINK}>
                {timeline.canFileRights ? t.timeline.useRights : t.about.requests(timeline.patient.givenName)}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          {query.page === 1 && (!query.kind || query.kind === "appointment") ? (
            <section aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading" className="mb-3">
                {t.timeline.upcoming}
              </h2>
              {timeline.upcoming.length === 0 ? (
                <p className="rounded bg-white p-4 shadow-sm">{t.timeline.noUpcoming}</p>
              ) : (
                <ul className="space-y-3">
                  {timeline.upcoming.map((item) => (
                    <li key={item.id}>
                      <TimelineEntry
                        item={item}
                        t={t}
                        f={f}
                        query={keep}
                        canCorrect={timeline.canFileRights}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading" className="mb-3">
              {t.timeline.history}
            </h2>
            <search className="mb-4">
              <form method="get" action="/me" className="flex flex-wrap items-end gap-3">
                {viewing.kind === "family" ? (
                  <input type="hidden" name="patient" value={viewing.patientId} />
                ) : null}
                <div>
                  <label htmlFor="timeline-kind" className="block font-medium">
                    {t.timeline.filterLabel}
                  </label>
                  <select
                    id="timeline-kind"
                    name="kind"
                    defaultValue={query.kind ?? ""}
                    className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
                  >
                    <option value="">{t.timeline.filterAll}</option>
                    {timeline.kinds.map((k) => (
                      <option key={k} value={k}>
                        {t.kinds[k]}
                      </option>
                    ))}
                  </select>
                </div>
                <Button type="submit">{t.timeline.filterApply}</Button>
              </form>
            </search>
            {timeline.history.length === 0 ? (
              <p className="rounded bg-white p-4 shadow-sm">{t.timeline.noHistory}</p>
            ) : (
              <ul className="space-y-3">
                {timeline.history.map((item) => (
                  <li key={`${item.kind}-${item.id}`}>
                    <TimelineEntry item={item} t={t} f={f} query={keep} canCorrect={timeline.canFileRights} />
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
            <Card as="section" padding={5} aria-labelledby="plan-heading">
              <h2 id="plan-heading" className="mb-2">
                {timeline.self ? t.timeline.carePlan : t.about.carePlan(timeline.patient.givenName)}
              </h2>
              {timeline.plan === null ? (
                <p>
                  {timeline.self ? t.timeline.noCarePlan : t.about.noCarePlan(timeline.patient.givenName)}
                </p>
              ) : (
                <>
                  <p className="mb-2 font-medium break-words">{timeline.plan.title}</p>
                  <ul className="space-y-2">
                    {timeline.plan.goals.map((g) => (
                      <li key={g.id}>
                        <span className="break-words">{g.description}</span>
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
                            <span className="break-words">{s.description}</span>
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
            </Card>
          ) : null}
          {profile ? (
            <Card as="section" padding={5} aria-labelledby="profile-heading">
              <h2 id="profile-heading" className="mb-2">
                {t.timeline.myDetails}
              </h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                <dt className="font-medium">{t.timeline.dateOfBirth}</dt>
                <dd>{f.date(profile.dateOfBirth)}</dd>
                <dt className="font-medium">{t.timeline.recordNumber}</dt>
                <dd>{profile.mrn}</dd>
              </dl>
              <p className="mt-3">
                <a href="/me/export" download>
                  {t.timeline.exportData}
                </a>
                <span className="block text-sm text-slate-700">{t.timeline.exportHint}</span>
              </p>
              <p className="mt-3">
                <Link href="/me/summary">{t.timeline.summary}</Link>
              </p>
            </Card>
          ) : null}
        </aside>
      </div>
    </>
  );
}
