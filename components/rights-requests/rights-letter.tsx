import { LetterHead } from "@/components/ui/print-sheet";
import { portalFormat } from "@/lib/i18n/format";
import { RIGHTS_LETTER } from "@/lib/letters/rights-letter";
import type { RightsRequestItem } from "@/lib/rights-requests";

type WrittenLanguage = RightsRequestItem["letterLanguage"];

/** What a letter says about its request; `reason` is the staff's own words, in the letter's language. */
export type RightsLetterContent = Pick<
  RightsRequestItem,
  | "type"
  | "receivedOn"
  | "dueOn"
  | "extendedDueOn"
  | "extensionNotifiedOn"
  | "decision"
  | "decidedOn"
  | "decisionReasonCode"
> & { kind: "extension" | "decision"; patientName: string; reason: string | null };

/**
 * The letter as sent (in its language, the reason as written), or with `englishCopy` its copy in
 * English beside a Spanish letter: null when there is no such copy, because the letter is in
 * English already or its reason has no English beside it.
 */
export function letterVersion(
  r: Pick<
    RightsRequestItem,
    | "letterLanguage"
    | "extensionReason"
    | "extensionReasonEnglish"
    | "decisionReason"
    | "decisionReasonEnglish"
  >,
  kind: "extension" | "decision",
  englishCopy: boolean,
): { language: WrittenLanguage; reason: string | null } | null {
  const written = kind === "extension" ? r.extensionReason : r.decisionReason;
  const english = kind === "extension" ? r.extensionReasonEnglish : r.decisionReasonEnglish;
  if (!englishCopy) return { language: r.letterLanguage, reason: written };
  if (r.letterLanguage !== "es" || (written !== null && english === null)) return null;
  return { language: "en", reason: english };
}

/**
 * The written notice of an extension, or of the decision, in `language`: the fixed words from the
 * letter's template, dates in that language on the organisation's clock, and the staff's reason.
 * `copy` marks a copy in English of a letter sent in Spanish.
 */
export function RightsLetter({
  letter: l,
  language,
  copy = false,
}: {
  letter: RightsLetterContent;
  language: WrittenLanguage;
  copy?: boolean;
}) {
  const w = RIGHTS_LETTER[language];
  const f = portalFormat(language);
  const received = w.received(w.request[l.type], f.date(l.receivedOn));
  const refused = l.decision === "denied" || l.decision === "partly-granted";
  const reason = l.reason ? <p className="mb-4 whitespace-pre-wrap">{l.reason}</p> : null;
  return (
    <div lang={language}>
      {copy ? <p className="mb-6 border-b pb-2 text-base italic">{w.copyNote}</p> : null}
      <LetterHead date={f.date(l.kind === "extension" ? l.extensionNotifiedOn! : l.decidedOn!)} />
      <h1 className="mb-6 text-2xl">{w.title[l.kind]}</h1>
      <p className="mb-4">{w.dear(l.patientName)}</p>
      {l.kind === "extension" ? (
        <>
          <p className="mb-4">
            {received} {w.extension.cannotAnswerBy(f.date(l.dueOn))}
          </p>
          <h2 className="mt-6 text-xl">{w.extension.whyHeading}</h2>
          {reason}
          <p className="mt-6">
            {w.extension.answerBy} <strong>{f.date(l.extendedDueOn!)}</strong>. {w.extension.oneExtension}
          </p>
        </>
      ) : (
        <>
          <p className="mb-4">
            {received} {l.decision ? w.outcome[l.decision] : null}
          </p>
          {reason}
          {refused && l.decisionReasonCode ? (
            <>
              <h2 className="mt-6 text-xl">{w.reasonHeading}</h2>
              <p className="mb-4">{w.reasons[l.type][l.decisionReasonCode] ?? l.decisionReasonCode}</p>
            </>
          ) : null}
          {refused && l.type === "access" && l.decisionReasonCode === "endangers-safety" ? (
            <>
              <h2 className="mt-6 text-xl">{w.review.heading}</h2>
              <p className="mb-4">{w.review.body}</p>
            </>
          ) : null}
          {refused && l.type === "amendment" ? (
            <>
              <h2 className="mt-6 text-xl">{w.disagree.heading}</h2>
              <p className="mb-4">{w.disagree.statement}</p>
              <p className="mb-4">{w.disagree.withoutStatement}</p>
            </>
          ) : null}
          {refused ? (
            <>
              <h2 className="mt-6 text-xl">{w.complaint.heading}</h2>
              <p className="mb-4">{w.complaint.body}</p>
            </>
          ) : null}
        </>
      )}
      <p className="mt-8">{w.closing}</p>
      <p>{w.signature}</p>
    </div>
  );
}
