import { RightsDue } from "@/components/rights-request";
import { Card } from "@/components/ui/card";
import { Facts } from "@/components/ui/facts";
import type { RightsRequestItem } from "@/lib/rights-requests";
import { DENIAL_REASONS, RIGHTS_DECISION_LABELS, RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import { formatCalendarDate } from "@/lib/time";
import type { RightsRequestActions } from "./request-actions";
import { RequestForms } from "./request-forms";
import { RequestLinks } from "./request-links";

/** One request in the patient's list: what was asked, its clock and answer, letters, and next steps. */
export function RightsRequestCard({
  patientId,
  r,
  canWrite,
  today,
  actions,
}: {
  patientId: string;
  r: RightsRequestItem;
  canWrite: boolean;
  today: string;
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
          {
            label: "Health plan",
            value: r.healthPlanSelfPay ? "Paid in full out of pocket: must be granted" : null,
          },
          {
            label: "Extension",
            value: r.extendedDueOn ? (
              <>
                To {formatCalendarDate(r.extendedDueOn)}; patient told{" "}
                {formatCalendarDate(r.extensionNotifiedOn!)}: {r.extensionReason}
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
                {r.decisionReason ? <span className="block">{r.decisionReason}</span> : null}
              </>
            ) : null,
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
      {canWrite && (r.responseSentOn === null || r.type === "amendment") ? (
        <RequestForms r={r} today={today} actions={actions} />
      ) : null}
    </Card>
  );
}
