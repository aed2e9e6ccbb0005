import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { MESSAGES } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { getPreferencesPage, PREFERENCE_FIELDS } from "@/lib/preferences";
import { savePortalPreferencesAction } from "./actions";

export const metadata: Metadata = { title: MESSAGES.en.preferences.title };

/** What matters to the patient, in their words: they edit it; family they allowed read it. */
export default async function MyPreferencesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const viewing = await orNotFound(resolveViewing(actor, (await searchParams).patient));
  if (viewing.kind === "choose") notFound();
  const data = await orNotFound(getPreferencesPage(actor, viewing.patientId, "portal"));
  const keep = viewingQuery(viewing);
  const canWrite = data.canWrite;
  const name = data.patient.givenName;
  const title = viewing.kind === "family" ? t.about.preferences(name) : t.preferences.title;
  return (
    <>
      <p className="mb-4">
        <Link href={keep ? `/me?${keep}` : "/me"}>{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      {viewing.kind === "family" ? <p className="mb-2">{t.about.whose(data.patient.fullName)}</p> : null}
      <p className="mb-6 max-w-prose">
        {viewing.kind === "family" ? t.about.preferencesIntro(name) : t.preferences.intro}
      </p>
      <TwoColumns side="20rem">
        <Card as="section" aria-label={title} className="min-w-0">
          {canWrite ? (
            <ActionForm
              action={savePortalPreferencesAction}
              submitLabel={t.preferences.save}
              {...portalFormWords(t)}
              hidden={{ version: String(data.version) }}
              fields={PREFERENCE_FIELDS.map(([key]) => ({
                kind: "textarea" as const,
                name: key,
                label: t.preferences.parts[key]!,
                maxLength: 2000,
                defaultValue: data.preferences?.[key] ?? "",
              }))}
            />
          ) : (
            <Facts
              layout="groups"
              items={PREFERENCE_FIELDS.map(([key]) => ({
                label: t.preferences.parts[key]!,
                value: data.preferences?.[key],
              }))}
            />
          )}
        </Card>
        <CardSection
          id="changes-heading"
          title={t.preferences.history}
          headingClassName="mb-2"
          padding={5}
          className="self-start"
        >
          {data.history.length === 0 ? (
            <EmptyState framed={false}>{t.preferences.none}</EmptyState>
          ) : (
            <ol className="space-y-2">
              {data.history.map((h) => (
                <li key={h.version}>
                  <span className="block font-medium">
                    {t.preferences.changedBy(h.changedBy, f.dateTime(h.changedAt))}
                  </span>
                  <span className="text-sm">
                    {h.changedParts.map((p) => t.preferences.parts[p]).join(" · ")}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </CardSection>
      </TwoColumns>
    </>
  );
}
