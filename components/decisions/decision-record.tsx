import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Expander } from "@/components/ui/expander";
import { Facts } from "@/components/ui/facts";
import { CONFIRMATION_LABELS, type DecisionView, PARTICIPANT_KIND_LABELS } from "@/lib/decisions";
import { formatCalendarDate, formatDateTime } from "@/lib/time";

/**
 * One treatment decision as staff read it: the options, what mattered to her then (from her
 * preferences record), her choice in her words, who took part, her answer, the flags and their
 * resolution, the plan items it led to, and its versions. The forms come in as children.
 */
export function DecisionRecord({
  patientId,
  decision: d,
  children,
}: {
  patientId: string;
  decision: DecisionView;
  children?: ReactNode;
}) {
  return (
    <Card as="li" padding={5} id={`decision-${d.id}`}>
      <h3 className="font-semibold">{d.topic}</h3>
      <p className="text-sm text-slate-700">
        Decided {formatCalendarDate(d.decidedOn)} · recorded by {d.recordedBy} · version {d.version}
        {d.carePlan ? (
          <>
            {" · "}
            <Link href={`/patients/${patientId}/care-plan?plan=${d.carePlan.id}`}>{d.carePlan.title}</Link>
          </>
        ) : null}
      </p>
      {d.flagged ? (
        <div className="mt-3">
          <Alert tone="warning">
            <p className="font-semibold">Flagged: not resolved</p>
            {d.confirmation === "disputed" ? (
              <p>The patient says it does not say what they decided: “{d.patientComment}”</p>
            ) : null}
            {d.voiceFlag ? (
              <p>
                {d.voiceFlag.by}, {formatDateTime(d.voiceFlag.at)}: the patient's voice is not reflected. “
                {d.voiceFlag.note}”
              </p>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <Facts
        layout="stack"
        className="mt-3"
        items={[
          {
            label: "Options considered",
            value: (
              <ul className="list-disc pl-5">
                {d.options.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
            ),
          },
          {
            label: "What mattered to the patient then",
            value: d.whatMatters ? (
              <>
                “{d.whatMatters}”{" "}
                <Link href={`/patients/${patientId}/preferences`} className="text-sm">
                  (the preferences record, version {d.preferencesVersion})
                </Link>
              </>
            ) : (
              "Nothing was recorded in the patient's preferences at the time."
            ),
          },
          {
            label: `The patient's choice, in their words${d.language === "es" ? " (Spanish)" : ""}`,
            value: <span lang={d.language}>“{d.choiceInHerWords}”</span>,
          },
          {
            label: "Who took part",
            value: d.participants
              .map((p) => `${p.name} (${PARTICIPANT_KIND_LABELS[p.kind].toLowerCase()})`)
              .join("; "),
          },
          {
            label: "The patient's answer in the portal",
            value: `${CONFIRMATION_LABELS[d.confirmation]}${d.confirmationAt ? `, ${formatDateTime(d.confirmationAt)}` : ""}`,
          },
          {
            label: "Resolved",
            value: d.resolution
              ? `${d.resolution.by}, ${formatDateTime(d.resolution.at)}: ${d.resolution.text}${
                  d.voiceFlag && !d.flagged ? ` (the advocate's flag: “${d.voiceFlag.note}”)` : ""
                }`
              : null,
          },
          {
            label: "Led to",
            value: d.links.length ? (
              <ul className="list-disc pl-5">
                {d.links.map((l) => (
                  <li key={`${l.kind}:${l.id}`}>
                    {l.kind === "goal" ? "Goal" : "Intervention"}: {l.description} ({l.planTitle})
                    {l.removed ? " (since taken off the plan)" : ""}
                  </li>
                ))}
              </ul>
            ) : null,
          },
        ]}
      />
      <Expander summary={`Versions (${d.history.length})`}>
        <ol className="space-y-1 text-sm">
          {d.history.map((h) => (
            <li key={h.version}>
              Version {h.version}: {h.changes.join(", ")}, by {h.changedBy}, {formatDateTime(h.changedAt)}
            </li>
          ))}
        </ol>
      </Expander>
      {children}
    </Card>
  );
}
