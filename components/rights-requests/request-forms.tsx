import { ActionForm } from "@/components/action-form";
import { Expander } from "@/components/ui/expander";
import { labelOptions } from "@/components/ui/options";
import type { RightsRequestItem } from "@/lib/rights-requests";
import { DENIAL_REASONS, RIGHTS_DECISION_LABELS } from "@/lib/rights-requests/schemas";
import type { RightsRequestActions } from "./request-actions";

/** The next steps a request still allows: extend it, decide it, send the answer, record a disagreement. */
export function RequestForms({
  r,
  today,
  actions,
}: {
  r: RightsRequestItem;
  today: string;
  actions: RightsRequestActions;
}) {
  const version = { version: String(r.version) };
  return (
    <div className="mt-3 space-y-3">
      {r.canExtend ? (
        <Expander className="" summary="Extend once, by 30 days">
          <ActionForm
            action={actions.extend.bind(null, r.id)}
            hidden={version}
            submitLabel="Extend"
            fields={[
              {
                kind: "textarea",
                name: "reason",
                label: "Reason given to the patient",
                required: true,
                maxLength: 2000,
              },
              {
                kind: "date",
                name: "notifiedOn",
                label: "Patient told on",
                required: true,
                defaultValue: today,
              },
            ]}
          />
        </Expander>
      ) : null}
      {r.decision === null ? (
        <Expander className="" summary="Record the decision">
          <ActionForm
            action={actions.decide.bind(null, r.id)}
            hidden={version}
            submitLabel="Record decision"
            fields={[
              {
                kind: "select",
                name: "decision",
                label: "Decision",
                options: labelOptions(RIGHTS_DECISION_LABELS),
              },
              {
                kind: "select",
                name: "reasonCode",
                label: "Reason (when not granted in full)",
                options: [
                  { value: "", label: "Granted in full: no reason needed" },
                  ...labelOptions(DENIAL_REASONS[r.type]),
                ],
              },
              { kind: "textarea", name: "reason", label: "Explanation for the patient", maxLength: 3000 },
              ...(r.type === "amendment"
                ? [
                    {
                      kind: "checkbox" as const,
                      name: "disagreementRightStated",
                      label: "The response tells the patient they may file a statement of disagreement",
                    },
                  ]
                : []),
              { kind: "date", name: "decidedOn", label: "Decided on", required: true, defaultValue: today },
            ]}
          />
        </Expander>
      ) : null}
      {r.decision !== null && r.responseSentOn === null ? (
        <ActionForm
          action={actions.respond.bind(null, r.id)}
          hidden={version}
          submitLabel="Record response as sent"
          fields={[
            { kind: "date", name: "sentOn", label: "Response sent on", required: true, defaultValue: today },
          ]}
        />
      ) : null}
      {r.type === "amendment" &&
      (r.decision === "denied" || r.decision === "partly-granted") &&
      !r.disagreementStatement ? (
        <Expander className="" summary="Record a statement of disagreement">
          <ActionForm
            action={actions.disagreement.bind(null, r.id)}
            hidden={version}
            submitLabel="Record statement"
            fields={[
              {
                kind: "textarea",
                name: "statement",
                label: "The patient's statement",
                required: true,
                maxLength: 5000,
              },
              {
                kind: "date",
                name: "receivedOn",
                label: "Received on",
                required: true,
                defaultValue: today,
              },
            ]}
          />
        </Expander>
      ) : null}
    </div>
  );
}
