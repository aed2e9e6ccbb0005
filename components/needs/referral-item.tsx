import { ActionForm } from "@/components/action-form";
import { Expander } from "@/components/ui/expander";
import { Facts } from "@/components/ui/facts";
import type { FormAction } from "@/components/ui/form-state";
import type { NeedReferral } from "@/lib/referrals/reads";
import {
  REFERRAL_FEEDBACK_LABELS,
  REFERRAL_MOVE_LABELS,
  REFERRAL_STATUS_LABELS,
} from "@/lib/referrals/schemas";
import { addDaysIso, formatCalendarDate, formatDateTime } from "@/lib/time";

type Move = NeedReferral["moves"][number];

/**
 * The moves that end a referral for good (the database refuses any later change to it): each asks
 * before it is saved, as declining a need does.
 */
function endingConfirm(to: Move, service: string) {
  const ends = "This ends the referral for good: it cannot be changed afterwards.";
  const reopens = "If no other referral for the need is open, the need opens again.";
  switch (to) {
    case "accepted":
      return undefined;
    case "completed":
      return {
        title: `Record that ${service} gave the help?`,
        body: `${ends} The need is marked met.`,
        confirmLabel: "Yes, help was given",
      };
    case "declined":
      return {
        title: `Record that ${service} declined?`,
        body: `${ends} ${reopens}`,
        confirmLabel: "Yes, the service declined",
      };
    case "no-answer":
      return {
        title: `Record that ${service} did not answer?`,
        body: `${ends} ${reopens}`,
        confirmLabel: "Yes, no answer",
      };
  }
}

/** A due day, and "Overdue" beside it when it is past. */
function Due({ on, overdue }: { on: string; overdue: boolean }) {
  return (
    <>
      {formatCalendarDate(on)}
      {overdue ? <strong className="ml-2 text-red-800">Overdue</strong> : null}
    </>
  );
}

/**
 * One referral of a need: the service, where it stands, its due days (the open one marked when
 * past), the outcome and the patient's word; and, for those who may, the forms to record what the
 * service did.
 */
export function ReferralItem({
  referral: r,
  today,
  move,
}: {
  referral: NeedReferral;
  today: string;
  /** The bound action recording a move, when the reader may record one. */
  move: ((to: Move) => FormAction) | null;
}) {
  const open = r.status === "sent" || r.status === "accepted";
  return (
    <li id={`referral-${r.id}`} className="border-t border-slate-200 pt-3">
      <p className="font-semibold">
        {r.service.name}
        {r.service.active ? null : (
          <span className="ml-2 text-sm font-normal">(retired from the directory)</span>
        )}
      </p>
      <p>{REFERRAL_STATUS_LABELS[r.status]}</p>
      <Facts
        className="mt-1 text-sm"
        items={[
          { label: "Sent", value: `${formatDateTime(r.sentAt)} by ${r.sentBy}` },
          {
            label: "Answer due",
            value: <Due on={r.acceptDueOn} overdue={r.status === "sent" && r.overdue} />,
          },
          { label: "Accepted", value: r.acceptedAt ? formatDateTime(r.acceptedAt) : null },
          {
            label: "Help due",
            value: r.completeDueOn ? (
              <Due on={r.completeDueOn} overdue={r.status === "accepted" && r.overdue} />
            ) : null,
          },
          { label: "Ended", value: r.endedAt ? formatDateTime(r.endedAt) : null },
          { label: "Outcome", value: r.outcome },
          { label: "Asked of them", value: r.note },
          {
            label: "The patient's word",
            value:
              r.patientFeedback && r.patientFeedbackAt
                ? `${REFERRAL_FEEDBACK_LABELS[r.patientFeedback]} (${formatDateTime(r.patientFeedbackAt)})`
                : null,
          },
        ]}
      />
      {move && open && r.moves.length > 0 ? (
        <Expander summary="Record what the service did">
          <div className="space-y-4">
            {r.moves.map((to) => (
              <ActionForm
                key={to}
                action={move(to)}
                draftKey={`referral-${r.id}-${to}`}
                submitLabel={REFERRAL_MOVE_LABELS[to]}
                variant={to === "accepted" || to === "completed" ? "primary" : "secondary"}
                hidden={{ version: String(r.version) }}
                confirm={endingConfirm(to, r.service.name)}
                fields={
                  to === "accepted"
                    ? [
                        {
                          kind: "date",
                          name: "completeDueOn",
                          label: "Help to be given by",
                          required: true,
                          defaultValue: addDaysIso(today, 14),
                        },
                      ]
                    : [
                        {
                          kind: "textarea",
                          name: "outcome",
                          label: `Outcome (${REFERRAL_MOVE_LABELS[to].toLowerCase()})`,
                          required: true,
                          maxLength: 2000,
                        },
                      ]
                }
              />
            ))}
          </div>
        </Expander>
      ) : null}
    </li>
  );
}
