import { ActionForm } from "@/components/action-form";
import {
  englishBesideField,
  WritingFor,
  type WritingForNeed,
  writtenInField,
} from "@/components/language/writing-for";
import type { ConcernDetail } from "@/lib/concerns";
import { zonedDate } from "@/lib/time";
import type { ConcernActions } from "./concern-actions";
import { ConcernPanel } from "./concern-panel";

/**
 * Resolving, with every part of the written response the patient receives. The steps and results
 * go word for word into the letter and the patient's portal, in the language chosen under
 * "Written in" (the response's own once written, else the patient's), with English beside Spanish.
 */
export function ConcernResolveForm({
  concern: c,
  actions,
  languageNeed,
}: {
  concern: ConcernDetail;
  actions: ConcernActions;
  languageNeed: WritingForNeed;
}) {
  return (
    <ConcernPanel title="Resolve with a written response">
      <WritingFor need={languageNeed} goesTo="the patient" />
      <p className="mb-3 text-sm">
        The steps and the results are printed as you write them in the letter that begins “Dear{" "}
        {c.patientName}”, and shown in the patient's portal. Write them to the patient, in plain words.
      </p>
      <ActionForm
        action={actions.resolve.bind(null, c.id)}
        hidden={{ version: String(c.version) }}
        submitLabel="Resolve and record the response"
        fields={[
          {
            kind: "text",
            name: "responseContact",
            label: "Contact person",
            required: true,
            hint: "Name, role and how the patient can reach them.",
          },
          writtenInField(c.response?.language ?? languageNeed.defaultLanguage),
          {
            kind: "textarea",
            name: "responseSteps",
            label: "Steps taken to investigate",
            required: true,
            maxLength: 5000,
          },
          { kind: "textarea", name: "responseResults", label: "Results", required: true, maxLength: 5000 },
          englishBesideField(
            "responseStepsEnglish",
            "Steps taken to investigate",
            c.response?.english?.steps,
          ),
          englishBesideField("responseResultsEnglish", "Results", c.response?.english?.results),
          {
            kind: "date",
            name: "responseCompletedOn",
            label: "Date of completion",
            required: true,
            defaultValue: zonedDate(),
          },
        ]}
      />
    </ConcernPanel>
  );
}
