import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/current-user";
import { authorizeRaiseConcernInPortal } from "@/lib/concerns";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { raiseConcernAction } from "../../actions";

export const metadata: Metadata = { title: MESSAGES.en.concern.newTitle };

/** The patient, or family they allowed, raises a concern; it lands in the advocates' worklist. */
export default async function NewConcernPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { t } = await portalMessages(actor);
  const viewing = await orNotFound(resolveViewing(actor, (await searchParams).patient));
  if (viewing.kind === "choose") notFound();
  await orNotFound(authorizeRaiseConcernInPortal(actor, viewing.patientId));
  const keep = viewingQuery(viewing);
  const name = viewing.kind === "family" ? `${viewing.grant.givenName} ${viewing.grant.familyName}` : null;
  return (
    <div className="max-w-2xl">
      <p className="mb-4">
        <Link href={keep ? `/me?${keep}` : "/me"}>{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{t.concern.newTitle}</h1>
      <p className="mb-2">{t.concern.intro}</p>
      {name ? <p className="mb-4 font-medium">{t.concern.onBehalf(name)}</p> : null}
      <Card as="section" aria-label={t.concern.newTitle}>
        <ActionForm
          action={raiseConcernAction.bind(null, viewing.patientId)}
          submitLabel={t.concern.submit}
          {...portalFormWords(t)}
          fields={[
            {
              kind: "select",
              name: "category",
              label: t.concern.category,
              options: Object.entries(t.categories).map(([value, label]) => ({ value, label })),
            },
            {
              kind: "textarea",
              name: "whatHappened",
              label: t.concern.whatHappened,
              hint: t.concern.whatHappenedHint,
              required: true,
              maxLength: 5000,
            },
            {
              kind: "textarea",
              name: "desiredOutcome",
              label: t.concern.desiredOutcome,
              required: true,
              maxLength: 2000,
            },
            { kind: "date", name: "eventDate", label: t.concern.eventDate },
          ]}
        />
      </Card>
    </div>
  );
}
