import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { PlanWords } from "@/components/portal/plan-words";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { portalMessages } from "@/lib/i18n/server";
import { getMyPortal } from "@/lib/portal";
import { getTimeline } from "@/lib/portal/timeline";
import { getPreferencesPage, PREFERENCE_FIELDS } from "@/lib/preferences";

/** The tab's title, which browsers also print at the top of the page, in the reader's language. */
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await portalMessages(await requireActor());
  return { title: t.timeline.summary };
}

/** Below a text staff wrote in the other language than the reader's: which one (else nothing). */
function WrittenInNote({ note }: { note: string | null }) {
  return note ? <span className="block text-sm text-slate-700">{note}</span> : null;
}

/** A printable summary in the patient's language: details, plan, what is coming, what matters. */
export default async function SummaryPage() {
  const actor = await requireActor();
  if (!actor.patientId) notFound();
  const { locale, t } = await portalMessages(actor);
  const f = portalFormat(locale);
  const [portal, timeline, preferences] = await orNotFound(
    Promise.all([
      getMyPortal(actor),
      // The printed summary lists the next twenty appointments, as the appointments filter does.
      getTimeline(actor, actor.patientId, { reader: locale, upcoming: 20 }),
      getPreferencesPage(actor, actor.patientId, "portal"),
    ]),
  );
  if (portal.kind !== "patient") notFound();
  const p = portal.profile;
  return (
    <PrintSheet kind="document" printLabel={t.timeline.print} backHref="/me" backLabel={t.concern.back}>
      <h1 className="mb-1 break-words">{t.timeline.summaryTitle(`${p.givenName} ${p.familyName}`)}</h1>
      <p className="mb-6 text-slate-700">{t.timeline.summaryPrinted(f.day(new Date()))}</p>
      <Facts
        className="mb-6"
        items={[
          { label: t.timeline.dateOfBirth, value: f.date(p.dateOfBirth) },
          { label: t.timeline.recordNumber, value: p.mrn },
        ]}
      />
      <h2 className="mb-2">{t.timeline.carePlan}</h2>
      {timeline.plan === null ? (
        <EmptyState framed={false} className="mb-6">
          {t.timeline.noCarePlan}
        </EmptyState>
      ) : (
        <div className="mb-6">
          <p className="font-medium break-words">{timeline.plan.title}</p>
          <ul className="list-disc pl-6">
            {timeline.plan.goals.map((g) => (
              <li key={g.id}>
                <PlanWords words={g} locale={locale} t={t}>
                  {" "}
                  ({t.goalStatus[g.status] ?? g.status}
                  {g.targetDate ? `, ${t.timeline.targetBy(f.date(g.targetDate))}` : ""})
                </PlanWords>
              </li>
            ))}
          </ul>
          {timeline.plan.nextSteps.length > 0 ? (
            <>
              <h3 className="mt-3 font-semibold">{t.timeline.nextSteps}</h3>
              <ul className="list-disc pl-6">
                {timeline.plan.nextSteps.map((s) => (
                  <li key={s.id}>
                    <PlanWords words={s} locale={locale} t={t}>
                      {s.owner ? ` (${t.timeline.who(s.owner)})` : ""}
                      {s.dueDate ? `, ${t.timeline.due(f.date(s.dueDate))}` : ""}
                    </PlanWords>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      )}
      <h2 className="mb-2">{t.timeline.upcoming}</h2>
      {timeline.upcoming.length === 0 ? (
        <EmptyState framed={false} className="mb-6">
          {t.timeline.noUpcoming}
        </EmptyState>
      ) : (
        <ul className="mb-6 list-disc pl-6">
          {timeline.upcoming.map((a) => (
            <li key={a.id} className="break-words">
              {f.dateTime(a.at)}: {a.title}
              {a.place ? ` · ${a.place}` : ""}
              {a.who ? ` · ${a.who}` : ""}
              {a.extra ? (
                <>
                  {` · ${t.appointment.bring}: `}
                  <span lang={a.language ?? undefined}>{a.extra}</span>
                  <WrittenInNote note={t.timeline.writtenIn(a.language)} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2 className="mb-2">{t.preferences.title}</h2>
      <Facts
        layout="groups"
        items={PREFERENCE_FIELDS.map(([key]) => ({
          label: t.preferences.parts[key]!,
          value: preferences.preferences?.[key],
        }))}
      />
    </PrintSheet>
  );
}
