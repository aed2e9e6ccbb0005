import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { FinishScreeningForm } from "@/components/screening/finish-form";
import { answeredCount, itemViews, ScreeningQuestions } from "@/components/screening/screening-questions";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { requireActor } from "@/lib/auth/current-user";
import { portalFormat } from "@/lib/i18n/format";
import { finishFormWords, questionFormWords, SCREENING_WORDS, screeningWordsFor } from "@/lib/i18n/screening";
import { portalMessages } from "@/lib/i18n/server";
import { resolveViewing } from "@/lib/portal/viewing";
import { getMyScreening } from "@/lib/screening";
import { finishMyScreeningAction, saveMyAnswerAction, startMyScreeningAction } from "./actions";

export const metadata: Metadata = { title: SCREENING_WORDS.en.title };

const Finished = z.uuid().optional().catch(undefined);

/**
 * Her social-needs screening, in her language: one small form per question, saved as she goes,
 * then Finish (asked once more: it cannot be undone); afterwards what happens next, and, for a
 * few minutes after a safety answer, where to get help now.
 * Hers alone: family get the 404 (the policy's `read:screening:portal`).
 */
export default async function MyScreeningPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { locale, t } = await portalMessages(actor);
  const w = screeningWordsFor(t);
  const f = portalFormat(locale);
  const raw = await searchParams;
  const viewing = await orNotFound(resolveViewing(actor, raw.patient));
  if (viewing.kind === "choose") notFound();
  const data = await orNotFound(
    getMyScreening(actor, viewing.patientId, { language: locale, finished: Finished.parse(raw.finished) }),
  );
  const items = itemViews(data.instrument.items);
  const open = data.inProgress;
  const count = open ? answeredCount(items, open.answers) : null;
  return (
    <>
      <p className="mb-4">
        <Link href="/me">{t.concern.back}</Link>
      </p>
      <h1 className="mb-2">{w.title}</h1>
      {data.finished ? (
        <Alert tone="success">
          <p className="font-medium">{w.doneTitle}</p>
          <p>{data.finished.needsFollowUp ? w.followUp : w.noFollowUp}</p>
        </Alert>
      ) : null}
      {data.finished?.showHelpNow ? (
        <CardSection
          id="help-now-heading"
          title={w.helpNowTitle}
          className="mb-6 border-l-4 border-brand-700"
        >
          <ul className="space-y-2">
            {w.helpNow.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="mt-3 flex flex-wrap gap-4">
            <a href="tel:911">911</a>
            <a href={`tel:${w.hotlineNumber.replaceAll("-", "")}`}>{w.hotlineNumber}</a>
          </p>
        </CardSection>
      ) : null}
      <p className="mb-2 max-w-prose">{w.intro}</p>
      <p className="mb-6 max-w-prose">{w.private}</p>
      {open && count && data.canWrite ? (
        <>
          <p role="status" className="mb-4 font-medium">
            {w.progress(count.answered, count.total)}
          </p>
          <ScreeningQuestions
            items={items}
            answers={open.answers}
            responseId={open.id}
            version={open.version}
            action={saveMyAnswerAction}
            words={questionFormWords(w)}
            label={w.title}
          />
          <CardSection id="finish-heading" title={w.finishTitle} className="mt-6" padding={5}>
            <p className="mb-4 max-w-prose">{w.finishHint}</p>
            <FinishScreeningForm
              action={finishMyScreeningAction}
              responseId={open.id}
              version={open.version}
              items={items}
              words={finishFormWords(w, t.cancel)}
            />
          </CardSection>
        </>
      ) : data.canWrite ? (
        <>
          {data.lastCompletedAt ? <p className="mb-4">{w.lastDone(f.day(data.lastCompletedAt))}</p> : null}
          <ActionForm
            action={startMyScreeningAction}
            fields={[]}
            submitLabel={data.lastCompletedAt ? w.startAgain : w.start}
            {...portalFormWords(t)}
          />
        </>
      ) : null}
    </>
  );
}
