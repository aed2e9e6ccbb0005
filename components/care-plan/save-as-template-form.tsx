import { ActionForm } from "@/components/action-form";
import type { CarePlanActions } from "./plan-actions";

/** The form that saves the plan's problems, goals and tasks as a template for other patients. */
export function SaveAsTemplateForm({
  planId,
  action,
}: {
  planId: string;
  action: CarePlanActions["saveTemplate"];
}) {
  return (
    <details className="rounded-lg bg-white p-5 shadow-sm print:hidden">
      <summary className="cursor-pointer font-medium">Save this plan as a template</summary>
      <div className="mt-3">
        <ActionForm
          action={action.bind(null, planId)}
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
      </div>
    </details>
  );
}
