import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
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
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card as="section" aria-label={title} className="min-w-0">
          {canWrite ? (
            <ActionForm
              action={savePortalPreferencesAction}
              submitLabel={t.preferences.save}
              pendingLabel={t.saving}
              optionalLabel={t.optional}
              cancelLabel={t.cancel}
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
            <dl className="space-y-3">
              {PREFERENCE_FIELDS.filter(([key]) => data.preferences?.[key]).map(([key]) => (
                <div key={key}>
                  <dt className="font-semibold">{t.preferences.parts[key]}</dt>
                  <dd className="whitespace-pre-wrap break-words">{data.preferences?.[key]}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
        <Card as="section" padding={5} aria-labelledby="changes-heading" className="self-start">
          <h2 id="changes-heading" className="mb-2">
            {t.preferences.history}
          </h2>
          {data.history.length === 0 ? (
            <p>{t.preferences.none}</p>
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
        </Card>
      </div>
    </>
  );
}
