import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { requireActor } from "@/lib/auth/current-user";
import { ConcernIdSchema, getPortalConcern } from "@/lib/concerns";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { zonedDate } from "@/lib/time";
import { versionFor } from "@/lib/written-language";

export const metadata: Metadata = { title: MESSAGES.en.concern.detailTitle };

/** A concern as the patient follows it: where it is, what happened so far, and the written response. */
export default async function MyConcernPage({
  params,
  searchParams,
}: {
  params: Promise<{ concernId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = ConcernIdSchema.safeParse((await params).concernId);
  if (!id.success) notFound();
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const query = await searchParams;
  const viewing = await orNotFound(resolveViewing(actor, query.patient));
  if (viewing.kind === "choose") notFound();
  const c = await orNotFound(getPortalConcern(actor, viewing.patientId, id.data));
  const keep = viewingQuery(viewing);
  const hearBack = c.interim?.expectedBy ?? (c.resolvedAt ? null : zonedDate(c.resolveDueAt));
  // The response in the reader's language when it is written in it (or in English beside Spanish).
  const response = c.response
    ? versionFor(
        locale,
        c.response.language,
        { steps: c.response.steps, results: c.response.results },
        c.response.english,
      )
    : null;
  const writtenIn = response?.otherLanguage ? t.timeline.writtenIn(response.language) : null;
  return (
    <article className="max-w-2xl">
      <p className="mb-4">
        <Link href={keep ? `/me?${keep}` : "/me"}>{t.concern.back}</Link>
      </p>
      {query.sent === "1" ? <Alert tone="success">{t.concern.sent}</Alert> : null}
      <h1 className="mb-1">{t.categories[c.category] ?? c.category}</h1>
      {viewing.kind === "family" ? (
        <p className="mb-2">{t.about.whose(`${viewing.grant.givenName} ${viewing.grant.familyName}`)}</p>
      ) : null}
      <p className="mb-4 text-slate-700">{t.concern.received(f.day(c.receivedAt))}</p>
      <CardSection
        id="status-heading"
        title={t.concern.status}
        headingClassName="mb-1"
        padding={5}
        className="mb-6"
      >
        <p className="text-lg font-semibold">{t.concernStatus[c.status] ?? c.status}</p>
        {hearBack ? <p className="mt-1">{t.concern.hearBackBy(f.date(hearBack))}</p> : null}
        {c.interim?.message ? (
          <p className="mt-2 whitespace-pre-wrap break-words">{c.interim.message}</p>
        ) : null}
      </CardSection>
      <CardSection
        id="what-heading"
        title={t.concern.whatHappened}
        headingClassName="mb-1"
        padding={5}
        className="mb-6"
      >
        <p className="whitespace-pre-wrap break-words">{c.whatHappened}</p>
        <h2 className="mt-4 mb-1">{t.concern.desiredOutcome}</h2>
        <p className="whitespace-pre-wrap break-words">{c.desiredOutcome}</p>
      </CardSection>
      {c.response && response ? (
        <CardSection
          id="response-heading"
          title={t.concern.response}
          headingClassName="mb-2"
          padding={5}
          className="mb-6"
        >
          {writtenIn ? <p className="mb-2 text-sm text-slate-700">{writtenIn}</p> : null}
          <h3 className="font-semibold">{t.concern.steps}</h3>
          <p lang={response.language} className="mb-3 whitespace-pre-wrap break-words">
            {response.value.steps}
          </p>
          <h3 className="font-semibold">{t.concern.results}</h3>
          <p lang={response.language} className="mb-3 whitespace-pre-wrap break-words">
            {response.value.results}
          </p>
          <h3 className="font-semibold">{t.concern.contact}</h3>
          <p className="mb-3 break-words">{c.response.contact}</p>
          <p>{t.concern.completedOn(f.date(c.response.completedOn))}</p>
        </CardSection>
      ) : null}
      <CardSection id="history-heading" title={t.concern.history} headingClassName="mb-2" padding={5}>
        <ol className="space-y-1">
          {c.moves.map((m) => (
            <li key={`${m.to}-${m.at.toISOString()}`}>
              <time dateTime={m.at.toISOString()}>{f.day(m.at)}</time>: {t.concernStatus[m.to] ?? m.to}
            </li>
          ))}
        </ol>
      </CardSection>
    </article>
  );
}
