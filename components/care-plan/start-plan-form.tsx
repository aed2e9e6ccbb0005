import { ActionForm } from "@/components/action-form";
import { CardSection } from "@/components/ui/card-section";
import type { FormState } from "@/components/ui/form-state";
import type { CarePlanPage } from "@/lib/care-plans";
import { addDaysIso } from "@/lib/time";
import { OpenFormLink, OpenFormPanel, type PlanPlace } from "./open-form";
import { type PlainWordsLanguage, plainWordsLanguageField } from "./plan-plain-words";

/**
 * The form that starts a draft plan, blank or from a template; only one draft is open at a time.
 * While a plan is active, starting another is rare: the form is sent when its link opens it
 * (`?edit=start`; issue 19).
 */
export function StartPlanForm({
  patientId,
  templates,
  today,
  draftOpen,
  onRequest,
  language,
  action,
}: {
  patientId: string;
  templates: CarePlanPage["templates"];
  today: string;
  draftOpen: boolean;
  /** Where the page is, when the form opens from its link (a plan is active); null to show it. */
  onRequest: PlanPlace | null;
  /** The patient's language, when the portal speaks it: what the plan's plain words are written in by default. */
  language: PlainWordsLanguage;
  action: (patientId: string, prev: FormState, formData: FormData) => Promise<FormState>;
}) {
  const form = (
    <ActionForm
      action={action.bind(null, patientId)}
      submitLabel="Start draft plan"
      fields={[
        { kind: "text", name: "title", label: "Plan name", required: true },
        {
          kind: "select",
          name: "templateId",
          label: "Start from",
          options: [
            { value: "", label: "A blank plan" },
            ...templates.map((t) => ({ value: t.id, label: `Template: ${t.name}` })),
          ],
        },
        {
          kind: "date",
          name: "reviewDate",
          label: "Review date",
          required: true,
          defaultValue: addDaysIso(today, 90),
        },
        plainWordsLanguageField(language),
      ]}
    />
  );
  return (
    <CardSection
      id="start-heading"
      title="Start a new plan"
      headingClassName="text-lg"
      padding={5}
      className="print:hidden"
    >
      {draftOpen ? (
        <p className="mt-2">A draft is already open. Finish or withdraw it before starting another.</p>
      ) : !onRequest ? (
        <div className="mt-3">{form}</div>
      ) : onRequest.open === "start" ? (
        <OpenFormPanel place={onRequest} title="Start another plan" heading="h3" closeTo="start-heading">
          {form}
        </OpenFormPanel>
      ) : (
        <OpenFormLink place={onRequest} form="start">
          Start another plan
        </OpenFormLink>
      )}
    </CardSection>
  );
}
