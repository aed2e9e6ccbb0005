import { languageName, type WritingForNeed } from "@/components/language/writing-for";
import { RightsDue } from "@/components/rights-request";
import { Card } from "@/components/ui/card";
import { Facts } from "@/components/ui/facts";
import type { RightsRequestItem } from "@/lib/rights-requests";
import { DENIAL_REASONS, RIGHTS_DECISION_LABELS, RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { formatCalendarDate } from "@/lib/time";
import type { RightsRequestActions } from "./request-actions";
import { RequestForms } from "./request-forms";
import { RequestLinks } from "./request-links";

/** A reason as written into the letter, marked with its language, and its English beside Spanish. */
function LetterText({
  text,
  english,
  language,
}: {
  text: string | null;
  english: string | null;
  language: RightsRequestItem["letterLanguage"];
}) {
  if (!text) return null;
  return (
    <>
      <span className="block whitespace-pre-wrap" lang={language}>
        {text}
      </span>
      {english ? (
        <span className="block whitespace-pre-wrap text-slate-700">
          In English: <span lang="en">{english}</span>
        </span>
      ) : null}
    </>
  );
}

/** One request in the patient's list: what was asked, its clock and answer, letters, and next steps. */
export function RightsRequestCard({
  patientId,
  r,
  canWrite,
  today,
  need,
  actions,
}: {
  patientId: string;
  r: RightsRequestItem;
  canWrite: boolean;
  today: string;
  /** The patient's language need; null for a reader who does not write. */
  need: WritingForNeed | null;
  actions: RightsRequestActions;
}) {
  return (
    <Card as="li" padding={5} id={`request-${r.id}`}>
      <h3 className="font-semibold">{RIGHTS_TYPE_LABELS[r.type]}</h3>
      <Facts
        className="mt-1 text-sm"
        items={[
          { label: "Received", value: formatCalendarDate(r.receivedOn) },
          { label: "Due", value: <RightsDue request={r} /> },
          { label: "Form and format", value: r.requestedForm },
          // Confidential communications (164.522(b)): where messages must go instead. Staff pages only.
          { label: "Alternate email", value: r.alternateEmail },
          { label: "Alternate phone", value: r.alternatePhone },
          {
            label: "Health plan",
            value: r.healthPlanSelfPay ? "Paid in full out of pocket: must be granted" : null,
          },
          {
            label: "Extension",
            value: r.extendedDueOn ? (
              <>
                To {formatCalendarDate(r.extendedDueOn)}; patient told{" "}
                {formatCalendarDate(r.extensionNotifiedOn!)}:
                <LetterText
                  text={r.extensionReason}
                  english={r.extensionReasonEnglish}
                  language={r.letterLanguage}
                />
              </>
            ) : null,
          },
          {
            label: "Decision",
            value: r.decision ? (
              <>
                {RIGHTS_DECISION_LABELS[r.decision]} on {formatCalendarDate(r.decidedOn!)}
                {r.decisionReasonCode
                  ? `: ${DENIAL_REASONS[r.type][r.decisionReasonCode] ?? r.decisionReasonCode}`
                  : ""}
                <LetterText
                  text={r.decisionReason}
                  english={r.decisionReasonEnglish}
                  language={r.letterLanguage}
                />
              </>
            ) : null,
          },
          {
            label: "Letters in",
            value: r.extendedDueOn || r.decision ? languageName(r.letterLanguage) : null,
          },
          {
            label: "Statement of disagreement",
            value: r.disagreementStatement ? (
              <>
                Received {formatCalendarDate(r.disagreementReceivedOn!)}: {r.disagreementStatement}
              </>
            ) : null,
          },
        ]}
      />
      <p className="mt-2 whitespace-pre-wrap">{r.details}</p>
      <RequestLinks patientId={patientId} r={r} canProduceAccounting={canWrite} />
      {canWrite && need && (r.responseSentOn === null || r.type === "amendment") ? (
        <RequestForms r={r} today={today} need={need} actions={actions} />
      ) : null}
    </Card>
  );
}
