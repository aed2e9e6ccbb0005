import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, ownRecordOr404 } from "@/app/_lib/guards";
import { fileSize } from "@/components/conversations/attachment-link";
import { PhoneLink } from "@/components/directives/who-decides-banner";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { requireActor } from "@/lib/auth/current-user";
import { type AgentSummary, getMyWhoDecides } from "@/lib/directives";
import { DIRECTIVE_WORDS, type DirectiveWords } from "@/lib/i18n/directives";
import { portalFormat } from "@/lib/i18n/format";
import { portalLocale } from "@/lib/i18n/server";

export const metadata: Metadata = { title: DIRECTIVE_WORDS.en.title };

function Person({ agent, heading, w }: { agent: AgentSummary; heading: string; w: DirectiveWords }) {
  return (
    <>
      <h3 className="text-base font-semibold">
        {heading}: {agent.name}
      </h3>
      <Facts
        className="mt-1"
        items={[
          { label: w.relationship, value: agent.relationship },
          { label: w.phone, value: agent.phone ? <PhoneLink phone={agent.phone} /> : null },
          { label: w.email, value: agent.email },
          { label: w.address, value: agent.address },
        ]}
      />
    </>
  );
}

/** Who decides for her when she cannot, as her care team recorded it: read-only, the patient's own only. */
export default async function MyDirectivesPage() {
  const actor = await requireActor();
  const patientId = await ownRecordOr404(actor, "read:directives:portal");
  const locale = await portalLocale(actor);
  const w = DIRECTIVE_WORDS[locale];
  const f = portalFormat(locale);
  const data = await orNotFound(getMyWhoDecides(actor, patientId));
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{w.back}</Link>
      </p>
      <h1 className="mb-2">{w.title}</h1>
      <p className="mb-2 max-w-prose">{w.intro}</p>
      <p className="mb-6 max-w-prose">{w.toChange}</p>
      <div className="grid gap-6 lg:grid-cols-2">
        <CardSection id="agent-heading" title={w.agentHeading} padding={5}>
          {data.agent ? (
            <Person agent={data.agent} heading={w.agentHeading} w={w} />
          ) : (
            <EmptyState framed={false}>{w.noAgent}</EmptyState>
          )}
          {data.alternates.length > 0 ? (
            <>
              <h3 className="mt-6 text-base font-semibold">{w.alternatesHeading}</h3>
              <ol className="mt-2 space-y-4">
                {data.alternates.map((a) => (
                  <li key={a.id}>
                    <Person agent={a} heading={w.alternateNumber(a.position)} w={w} />
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </CardSection>
        <CardSection id="wishes-heading" title={w.wishesHeading} padding={5}>
          {data.wishes ? (
            <>
              <p className="font-semibold">{w.codeStatus[data.wishes.codeStatus]}</p>
              {data.wishes.inHerWords ? (
                <Facts
                  layout="groups"
                  className="mt-2"
                  items={[{ label: w.inMyWords, value: data.wishes.inHerWords }]}
                />
              ) : null}
              {data.wishes.inHerWords && data.wishes.language !== locale ? (
                <p className="text-sm text-slate-700">
                  {data.wishes.language === "es" ? w.writtenInSpanish : w.writtenInEnglish}
                </p>
              ) : null}
              <p className="mt-2 text-sm text-slate-700">{w.updated(f.day(data.wishes.updatedAt))}</p>
            </>
          ) : (
            <EmptyState framed={false}>{w.noWishes}</EmptyState>
          )}
        </CardSection>
      </div>
      <CardSection id="documents-heading" title={w.documentsHeading} padding={5} className="mt-6">
        {data.directives.length === 0 ? (
          <EmptyState framed={false}>{w.noDocuments}</EmptyState>
        ) : (
          <ul className="space-y-4">
            {data.directives.map((d) => (
              <li key={d.id}>
                <h3 className="text-base font-semibold">{w.kinds[d.kind]}</h3>
                <Facts
                  className="mt-1"
                  items={[
                    { label: w.signedOn, value: f.date(d.signedOn) },
                    { label: w.original, value: d.originalLocation },
                  ]}
                />
                <p className="mt-1">
                  {d.fileName && d.sizeBytes ? (
                    <a href={`/me/directives/${d.id}/file`} download>
                      {w.download(d.fileName, fileSize(d.sizeBytes))}
                    </a>
                  ) : (
                    <span className="text-slate-700">{w.noCopy}</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardSection>
    </>
  );
}
