import type { Metadata } from "next";
import { z } from "zod";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { type FinishFormWords, FinishScreeningForm } from "@/components/screening/finish-form";
import { answeredCount, itemViews, ScreeningQuestions } from "@/components/screening/screening-questions";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { getScreeningPage, NEED_DOMAIN_LABELS, UNANSWERED_INTRO_EN } from "@/lib/screening";
import { formatDateTime } from "@/lib/time";
import { finishScreeningAction, saveAnswerAction, startScreeningAction } from "./actions";

export const metadata: Metadata = { title: "Social-needs screening" };

const LANGUAGES = { en: "English", es: "Spanish" } as const;
const SOURCES = { patient: "By the patient, in the portal", staff: "With staff" } as const;
const FINISH_WORDS: FinishFormWords = {
  finish: "Finish screening",
  finishing: "Finishing…",
  cancel: "Cancel",
  confirmTitle: "Finish this screening?",
  confirmBody:
    "Once finished, its answers cannot change: a need is opened for each domain found and a safety finding alerts the caseload. To screen again, start a new one.",
  confirmLabel: "Finish screening",
  unansweredIntro: UNANSWERED_INTRO_EN,
  questionName: (number) => `Question ${number}`,
};
const Finished = z.uuid().optional().catch(undefined);

const found = (domains: readonly (keyof typeof NEED_DOMAIN_LABELS)[]) =>
  domains.length === 0 ? "No needs found" : domains.map((d) => NEED_DOMAIN_LABELS[d]).join(", ");

/** The AHC HRSN screening with the patient: start it, ask each question, finish; every screening since. */
export default async function ScreeningPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const data = await readRecordPage((await params).id, getScreeningPage);
  const patientId = data.patient.id;
  const finished = Finished.parse((await searchParams).finished);
  const justDone = finished ? data.past.find((p) => p.id === finished) : undefined;
  const open = data.inProgress;
  const items = open ? itemViews(open.instrument.items, open.english?.items) : [];
  const count = open ? answeredCount(items, open.answers) : null;
  return (
    <>
      <PatientHeading patient={data.patient} current="needs" />
      {justDone ? (
        <Alert tone="success">
          <p>
            Screening finished. {found(justDone.positiveDomains)}.
            {justDone.positiveDomains.length > 0 ? " Each need is open on the Needs page." : ""}
          </p>
        </Alert>
      ) : null}
      {open && count && data.canWrite ? (
        <CardSection id="screening-heading" title="Screening in progress" className="mb-6">
          <p className="mb-1">
            Started {formatDateTime(open.startedAt)} · {SOURCES[open.source]} · asked in{" "}
            {LANGUAGES[open.language]}
            {open.english ? " (English beside each question)" : ""}
          </p>
          <p role="status" className="mb-4 font-medium">
            {count.answered} of {count.total} questions answered.
          </p>
          <ScreeningQuestions
            items={items}
            answers={open.answers}
            responseId={open.id}
            version={open.version}
            action={saveAnswerAction.bind(null, patientId)}
            words={{
              save: "Save",
              saving: "Saving…",
              saved: "Saved.",
              answered: "Answered",
              notAnswered: "Not answered yet",
              chooseAll: "Choose all that apply.",
            }}
            label="Screening questions"
          />
          <h3 className="mt-6 mb-2 font-semibold">Finish</h3>
          <p className="mb-3 max-w-prose">
            When every question is answered, finish: the answers are scored, a need is opened for each domain
            found, and a safety finding alerts the patient&apos;s advocates (or, without another advocate, the
            coordinators) today. A finished screening cannot change.
          </p>
          <FinishScreeningForm
            action={finishScreeningAction.bind(null, patientId)}
            responseId={open.id}
            version={open.version}
            items={items}
            words={FINISH_WORDS}
          />
        </CardSection>
      ) : data.canWrite ? (
        <CardSection id="start-heading" title="Screen for social needs" className="mb-6">
          <p className="mb-4 max-w-prose">
            Ten questions from the CMS Accountable Health Communities screening tool: housing, food,
            transportation, utilities and interpersonal safety. Ask them with {data.patient.givenName}, in
            their language or English.
          </p>
          <ActionForm
            action={startScreeningAction.bind(null, patientId)}
            submitLabel="Start screening"
            fields={[
              {
                kind: "select",
                name: "language",
                label: "Ask the questions in",
                options: Object.entries(LANGUAGES).map(([value, label]) => ({ value, label })),
                defaultValue: data.defaultLanguage,
              },
            ]}
          />
        </CardSection>
      ) : null}
      <CardSection id="past-heading" title="Screenings" count={data.past.length}>
        {data.past.length === 0 ? (
          <EmptyState framed={false}>No screening finished yet.</EmptyState>
        ) : (
          <TableScroll label="Finished screenings">
            <table className="w-full text-left">
              <TableHead columns={["Finished", "Screened by", "How", "Found"]} />
              <tbody>
                {data.past.map((p) => (
                  <tr key={p.id} className="border-b border-slate-100 align-top">
                    <Td>{formatDateTime(p.completedAt)}</Td>
                    <Td>{p.completedBy}</Td>
                    <Td>
                      {SOURCES[p.source]}, {LANGUAGES[p.language]}
                    </Td>
                    <Td>{found(p.positiveDomains)}</Td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </CardSection>
    </>
  );
}
