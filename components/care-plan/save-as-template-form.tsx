import { ActionForm } from "@/components/action-form";
import { OpenFormLink, OpenFormPanel, type PlanPlace } from "./open-form";
import type { CarePlanActions } from "./plan-actions";

const TITLE = "Save this plan as a template";

/** The form that saves the plan's problems, goals and tasks as a template, shown when someone opens it. */
export function SaveAsTemplateForm({
  place,
  action,
}: {
  place: PlanPlace;
  action: CarePlanActions["saveTemplate"];
}) {
  return (
    <div id="template" className="rounded-lg bg-white p-5 shadow-sm print:hidden">
      {place.open === "template" ? (
        <OpenFormPanel place={place} title={TITLE} heading="h3" closeTo="template">
          <ActionForm
            action={action.bind(null, place.planId)}
            submitLabel="Save as template"
            fields={[
              { kind: "text", name: "name", label: "Template name", required: true },
              {
                kind: "textarea",
                name: "description",
                label: "When to use it",
                required: true,
                maxLength: 500,
                hint: "The template keeps the problems, goals and tasks, with dates as days from the start, and no owners. Remove anything that identifies this patient first.",
              },
            ]}
          />
        </OpenFormPanel>
      ) : (
        <OpenFormLink place={place} form="template" className="">
          {TITLE}
        </OpenFormLink>
      )}
    </div>
  );
}
