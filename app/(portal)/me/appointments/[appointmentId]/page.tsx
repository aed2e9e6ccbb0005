import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PortalInstructions } from "@/components/appointments/portal-instructions";
import { portalFormWords } from "@/components/portal/form-words";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { Facts } from "@/components/ui/facts";
import {
  APPOINTMENT_REQUEST_KINDS,
  AppointmentIdSchema,
  getMyAppointment,
} from "@/lib/appointments/requests";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing, viewingQuery } from "@/lib/portal/viewing";
import { requestChangeAction } from "./actions";

/** The tab's title in the reader's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await portalMessages(await requireActor());
  return { title: t.appointmentRequest.detail };
}

/**
 * One appointment: what, when, where, who, what to bring (in the reader's language when staff
 * wrote it in both, else as written with its language named); what became of the requests about it
 * (the outcome in the reader's language, the coordinator's note as written); add it to a
 * calendar; ask to change it.
 */
export default async function MyAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ appointmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = AppointmentIdSchema.safeParse((await params).appointmentId);
  if (!id.success) notFound();
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const viewing = await orNotFound(resolveViewing(actor, (await searchParams).patient));
  if (viewing.kind === "choose") notFound();
  const a = await orNotFound(getMyAppointment(actor, viewing.patientId, id.data));
  const keep = viewingQuery(viewing);
  const q = keep ? `?${keep}` : "";
  return (
    <article className="max-w-2xl">
      <p className="mb-4">
        <Link href={`/me${q}`}>{t.concern.back}</Link>
      </p>
      <p className="text-sm font-medium text-brand-700">
        {t.kinds.appointment} · {t.appointmentStatus[a.status] ?? a.status}
      </p>
      <h1 className="mb-2 break-words">{a.title}</h1>
      {viewing.kind === "family" ? (
        <p className="mb-2">{t.about.whose(`${viewing.grant.givenName} ${viewing.grant.familyName}`)}</p>
      ) : null}
      <p className="mb-4 text-lg">
        <time dateTime={a.startsAt.toISOString()}>{f.dateTime(a.startsAt)}</time> – {f.time(a.endsAt)}
      </p>
      <Card padding={5} className="mb-6">
        <Facts
          items={[
            { label: t.appointment.where, value: a.location },
            { label: t.appointment.with, value: a.clinicianName },
            {
              label: t.appointment.bring,
              value: a.patientNotes ? (
                <PortalInstructions
                  t={t}
                  locale={locale}
                  notes={a.patientNotes}
                  language={a.patientNotesLanguage}
                  english={a.patientNotesEnglish}
                />
              ) : null,
            },
          ]}
        />
      </Card>
      {a.outcomes.length > 0 ? (
        <CardSection
          id="outcomes-heading"
          title={t.appointmentRequest.outcomesTitle}
          headingClassName="mb-2"
          className="mb-6"
        >
          <ul className="space-y-4">
            {a.outcomes.map((o) => (
              <li key={o.id} id={`outcome-${o.id}`}>
                <p className="font-semibold">
                  {t.appointmentRequest.answered(
                    t.appointmentRequest.outcomes[o.outcome] ?? o.outcome,
                    f.day(o.handledAt),
                  )}
                </p>
                <p className="text-sm text-slate-700">
                  {t.appointmentRequest.asked(
                    t.appointmentRequest.kinds[o.kind] ?? o.kind,
                    f.day(o.requestedAt),
                  )}
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words">
                  <strong>{t.appointmentRequest.note}:</strong> {o.note}
                </p>
              </li>
            ))}
          </ul>
        </CardSection>
      ) : null}
      <p className="mb-6 flex flex-wrap gap-4">
        {a.videoUrl ? (
          <a href={a.videoUrl} rel="noopener noreferrer">
            {t.appointment.video}
          </a>
        ) : null}
        <a href={`/me/appointments/${a.id}/ics${q}`} download>
          {t.appointmentRequest.addToCalendar}
        </a>
      </p>
      {a.openRequest ? (
        <p className="mb-6 rounded border-l-4 border-brand-600 bg-brand-50 px-4 py-3">
          {t.appointmentRequest.pending(
            t.appointmentRequest.kinds[a.openRequest.kind] ?? a.openRequest.kind,
            f.day(a.openRequest.requestedAt),
          )}
        </p>
      ) : null}
      {a.canRequestChange ? (
        <CardSection id="change-heading" title={t.appointmentRequest.askTitle} headingClassName="mb-2">
          <p className="mb-4">{t.appointmentRequest.askIntro}</p>
          <ActionForm
            action={requestChangeAction.bind(null, a.id)}
            submitLabel={t.appointmentRequest.submit}
            {...portalFormWords(t)}
            fields={[
              {
                kind: "select",
                name: "kind",
                label: t.appointmentRequest.kind,
                options: APPOINTMENT_REQUEST_KINDS.map((k) => ({
                  value: k,
                  label: t.appointmentRequest.kinds[k]!,
                })),
              },
              {
                kind: "textarea",
                name: "reason",
                label: t.appointmentRequest.reason,
                required: true,
                maxLength: 1000,
              },
              { kind: "text", name: "preferredTimes", label: t.appointmentRequest.preferredTimes },
            ]}
          />
        </CardSection>
      ) : null}
    </article>
  );
}
