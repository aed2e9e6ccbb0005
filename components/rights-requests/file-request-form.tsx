import { ActionForm } from "@/components/action-form";
import { CardSection } from "@/components/ui/card-section";
import { labelOptions } from "@/components/ui/options";
import { RIGHTS_TYPE_LABELS } from "@/lib/rights-requests/schemas";
import type { RightsRequestActions } from "./request-actions";

/** Staff record a request as the patient made it: the kind, the day received, what they asked for. */
export function FileRightsRequestForm({
  patientId,
  today,
  file,
}: {
  patientId: string;
  today: string;
  file: RightsRequestActions["file"];
}) {
  return (
    <CardSection id="file-heading" title="Record a rights request" className="self-start">
      <ActionForm
        action={file.bind(null, patientId)}
        submitLabel="Record request"
        fields={[
          {
            kind: "select",
            name: "type",
            label: "Kind of request",
            options: labelOptions(RIGHTS_TYPE_LABELS),
          },
          {
            kind: "date",
            name: "receivedOn",
            label: "Received on",
            required: true,
            defaultValue: today,
          },
          {
            kind: "textarea",
            name: "details",
            label: "What the patient asks for",
            required: true,
            maxLength: 3000,
            hint: "For confidential communications: how and where to reach them. Never ask why.",
          },
          {
            kind: "text",
            name: "requestedForm",
            label: "Form and format asked for",
            hint: "E.g. electronic copy, paper.",
          },
          {
            kind: "checkbox",
            name: "healthPlanSelfPay",
            label: "Restriction on telling a health plan about care paid in full out of pocket",
          },
          {
            kind: "email",
            name: "alternateEmail",
            label: "Alternate email for messages from us",
            hint: "Confidential communications only. Once granted, every email to the patient goes here alone.",
          },
          {
            kind: "text",
            name: "alternatePhone",
            label: "Alternate phone for text messages",
            hint: "Confidential communications only. A US mobile number, e.g. 617-555-0123; texts then go here alone.",
            autoComplete: "off",
          },
        ]}
      />
    </CardSection>
  );
}
