import { ActionForm } from "@/components/action-form";
import { portalFormWords } from "@/components/portal/form-words";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Facts } from "@/components/ui/facts";
import type { FormState } from "@/components/ui/form-state";
import type { PortalDecision } from "@/lib/decisions";
import type { Messages } from "@/lib/i18n/messages";

type Answer = (decisionId: string, answer: string, prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * One decision record as the patient reads it, in her language (her own words stay as she said
 * them), with "yes, this says what I decided" and "no, it does not" with what is not right.
 */
export function PortalDecisionCard({
  decision: d,
  t,
  date,
  dateTime,
  answer,
}: {
  decision: PortalDecision;
  t: Messages;
  date: (iso: string) => string;
  dateTime: (instant: Date) => string;
  answer: Answer;
}) {
  const w = t.decisions;
  const hidden = { version: String(d.version) };
  const headingId = `decision-${d.id}-heading`;
  return (
    <Card as="li" padding={5} id={`decision-${d.id}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="text-xl font-semibold">
        {d.topic}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{w.decidedOn(date(d.decidedOn))}</p>
      <Facts
        layout="groups"
        items={[
          {
            label: w.options,
            value: (
              <ul className="list-disc pl-5">
                {d.options.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            ),
          },
          { label: w.whatMattered, value: d.whatMatters },
          { label: w.choice, value: <span lang={d.language}>“{d.choiceInHerWords}”</span> },
          {
            label: w.participants,
            value: d.participants.map((p) => `${p.name} (${w.participantKinds[p.kind]})`).join("; "),
          },
        ]}
      />
      <div className="mt-4">
        {d.underReview ? (
          <Alert tone="info">
            <p>{d.confirmation === "disputed" ? w.disputed : w.underReview}</p>
            {d.patientComment ? (
              <p className="mt-1">
                {w.yourComment}: “{d.patientComment}”
              </p>
            ) : null}
          </Alert>
        ) : null}
        {d.confirmation === "confirmed" && d.confirmationAt ? (
          <p className="mb-3 font-medium">{w.confirmed(dateTime(d.confirmationAt))}</p>
        ) : null}
        {d.canSayYes || d.canSayNo ? (
          <section aria-label={w.question} className="space-y-4">
            <h3 className="font-semibold">{w.question}</h3>
            {d.canSayYes ? (
              <ActionForm
                action={answer.bind(null, d.id, "yes")}
                hidden={hidden}
                submitLabel={w.yes}
                draftKey={`decision-yes-${d.id}`}
                fields={[]}
                {...portalFormWords(t)}
              />
            ) : null}
            {d.canSayNo ? (
              <ActionForm
                action={answer.bind(null, d.id, "no")}
                hidden={hidden}
                submitLabel={w.no}
                variant="secondary"
                draftKey={`decision-no-${d.id}`}
                fields={[
                  {
                    kind: "textarea",
                    name: "comment",
                    label: w.comment,
                    hint: w.commentHint,
                    required: true,
                    maxLength: 2000,
                  },
                ]}
                {...portalFormWords(t)}
              />
            ) : null}
          </section>
        ) : null}
      </div>
    </Card>
  );
}
