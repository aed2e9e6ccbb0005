import { ActionForm, type FieldSpec } from "@/components/action-form";
import {
  englishBesideField,
  languageName,
  WritingFor,
  type WritingForNeed,
  writtenInField,
} from "@/components/language/writing-for";
import { Expander } from "@/components/ui/expander";
import { labelOptions } from "@/components/ui/options";
import type { RightsRequestItem } from "@/lib/rights-requests";
import { DENIAL_REASONS, RIGHTS_DECISION_LABELS } from "@/lib/rights-requests/schemas";
import type { RightsRequestActions } from "./request-actions";

const GOES_TO = "the patient in the letter and on their portal";

/** The reason in English beside a Spanish letter, as long as the reason itself may be. */
function reasonInEnglish(label: string, maxLength: number): FieldSpec {
  const field = englishBesideField("reasonEnglish", label);
  return field.kind === "textarea" ? { ...field, maxLength } : field;
}

/**
 * Above a form whose reason goes into a letter: the patient's language need, that the reason goes
 * in as written, and which language the letter goes in.
 */
function LetterLanguageNote({ need, fixed }: { need: WritingForNeed; fixed: string | null }) {
  return (
    <>
      <WritingFor need={need} goesTo={GOES_TO} />
      <p className="mb-3 text-sm">
        {fixed
          ? `The extension letter went in ${fixed}: the decision letter goes in ${fixed} too.`
          : "The letter's own words are printed in the language you choose under “Written in”, around your reason."}
      </p>
    </>
  );
}

/** The next steps a request still allows: extend it, decide it, send the answer, record a disagreement. */
export function RequestForms({
  r,
  today,
  need,
  actions,
}: {
  r: RightsRequestItem;
  today: string;
  /** The patient's language need, for the letters' forms. */
  need: WritingForNeed;
  actions: RightsRequestActions;
}) {
  const version = { version: String(r.version) };
  // Once the extension letter went, both letters keep its language.
  const letterLanguage = r.extendedDueOn ? r.letterLanguage : need.defaultLanguage;
  return (
    <div className="mt-3 space-y-3">
      {r.canExtend ? (
        <Expander className="" summary="Extend once, by 30 days">
          <LetterLanguageNote need={need} fixed={null} />
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
              writtenInField(letterLanguage, "letterLanguage"),
              reasonInEnglish("The reason", 2000),
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
          <LetterLanguageNote need={need} fixed={r.extendedDueOn ? languageName(r.letterLanguage) : null} />
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
              writtenInField(letterLanguage, "letterLanguage"),
              reasonInEnglish("The explanation", 3000),
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
