import type { ReactNode } from "react";
import { LetterHead } from "@/components/ui/print-sheet";
import type { ConcernDetail, ConcernResponse } from "@/lib/concerns";
import { portalFormat } from "@/lib/i18n/format";
import { CONCERN_LETTER, type ConcernLetterWords } from "@/lib/letters/concern-letter";

// The letters a patient keeps about their concern, in the language of the texts they carry: the
// fixed words from the template (lib/letters/concern-letter.ts), the advocate's words as written,
// dates in that language on the organisation's clock.

type WrittenLanguage = ConcernResponse["language"];

type LetterConcern = Pick<
  ConcernDetail,
  "category" | "receivedAt" | "qioReferredOn" | "assignedAdvocateName" | "response" | "interim"
>;

interface LetterProps {
  concern: LetterConcern;
  patientName: string;
  language: WrittenLanguage;
}

/** The head, greeting and closing every concern letter shares, around its body. */
function Letter({
  language,
  date,
  title,
  patientName,
  signedBy,
  words: w,
  children,
}: {
  language: WrittenLanguage;
  date: string;
  title: string;
  patientName: string;
  signedBy: string | null;
  words: ConcernLetterWords;
  children: ReactNode;
}) {
  return (
    <div lang={language}>
      <LetterHead date={date} />
      <h1 className="mb-6 text-2xl">{title}</h1>
      <p className="mb-4">{w.dear(patientName)}</p>
      {children}
      <p className="mt-8">{w.closing}</p>
      <p>{signedBy ?? w.team}</p>
    </div>
  );
}

/**
 * The written response: what was done and what was found, in `language`, with `texts` the steps
 * and results in that language (as written, or the English beside them for the English copy).
 */
export function ConcernResponseLetter({
  concern: c,
  patientName,
  language,
  texts,
}: LetterProps & { texts: { steps: string; results: string } }) {
  const response = c.response;
  if (!response) return null;
  const w = CONCERN_LETTER[language];
  const f = portalFormat(language);
  return (
    <Letter
      language={language}
      date={f.date(response.completedOn)}
      title={w.responseTitle}
      patientName={patientName}
      signedBy={c.assignedAdvocateName}
      words={w}
    >
      <p className="mb-4">{w.thanks(w.about[c.category], f.day(c.receivedAt))}</p>
      <h2 className="mt-6 text-xl">{w.stepsHeading}</h2>
      <p className="whitespace-pre-wrap">{texts.steps}</p>
      <h2 className="mt-6 text-xl">{w.resultsHeading}</h2>
      <p className="whitespace-pre-wrap">{texts.results}</p>
      <p className="mt-6">
        {w.completed(f.date(response.completedOn))} <strong>{response.contact}</strong>.
      </p>
      {c.qioReferredOn ? <p className="mt-4">{w.qio(f.date(c.qioReferredOn))}</p> : null}
    </Letter>
  );
}

/** The interim notice: still being worked on, and when the patient will hear back. */
export function ConcernInterimLetter({ concern: c, patientName, language }: LetterProps) {
  const interim = c.interim;
  if (!interim) return null;
  const w = CONCERN_LETTER[language];
  const f = portalFormat(language);
  return (
    <Letter
      language={language}
      date={f.day(interim.sentAt)}
      title={w.interimTitle}
      patientName={patientName}
      signedBy={c.assignedAdvocateName}
      words={w}
    >
      <p className="mb-4">{w.interimReceived(w.about[c.category], f.day(c.receivedAt))}</p>
      {interim.message ? <p className="mb-4 whitespace-pre-wrap">{interim.message}</p> : null}
      <p className="mb-4">
        {w.hearBackBy} <strong>{f.date(interim.expectedBy)}</strong>.
      </p>
      {c.assignedAdvocateName ? <p>{w.questionsBefore(c.assignedAdvocateName)}</p> : null}
    </Letter>
  );
}
