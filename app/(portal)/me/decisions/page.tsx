import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { PortalDecisionCard } from "@/components/decisions/portal-decision";
import { EmptyState } from "@/components/ui/empty-state";
import { requireActor } from "@/lib/auth/current-user";
import { getPortalDecisions } from "@/lib/decisions";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing } from "@/lib/portal/viewing";
import { answerDecisionAction } from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.decisions.title };

/** Her treatment decisions as the care team wrote them down, and her word on each. The patient alone. */
export default async function MyDecisionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const viewing = await orNotFound(resolveViewing(actor, (await searchParams).patient));
  if (viewing.kind === "choose") notFound();
  // Family are never shown her decision records: the read refuses them, audited, as a 404.
  const data = await orNotFound(getPortalDecisions(actor, viewing.patientId));
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{t.decisions.title}</h1>
      <p className="mb-6 max-w-prose">{t.decisions.intro}</p>
      {data.decisions.length === 0 ? (
        <EmptyState>{t.decisions.none}</EmptyState>
      ) : (
        <ul className="max-w-3xl space-y-6">
          {data.decisions.map((d) => (
            <PortalDecisionCard
              key={d.id}
              decision={d}
              t={t}
              date={f.date}
              dateTime={f.dateTime}
              answer={answerDecisionAction}
            />
          ))}
        </ul>
      )}
    </>
  );
}
