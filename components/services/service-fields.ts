import type { FieldSpec } from "@/components/action-form-field";
import { labelOptions } from "@/components/ui/options";
import { NEED_DOMAIN_LABELS, NEED_DOMAINS } from "@/lib/needs/labels";
import { domainField, SERVICE_KIND_LABELS } from "@/lib/services/schemas";

/** What the service form starts from: nothing for a new service, the saved service to edit one. */
interface Saved {
  name: string;
  kind: string;
  domains: readonly string[];
  languages: readonly string[];
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  hours: string | null;
  description: string | null;
}

/** The fields of the add and edit forms of a service, filled in from the saved one when editing. */
export function serviceFields(saved?: Saved): FieldSpec[] {
  return [
    { kind: "text", name: "name", label: "Name", required: true, defaultValue: saved?.name },
    {
      kind: "select",
      name: "kind",
      label: "Kind",
      options: labelOptions(SERVICE_KIND_LABELS),
      defaultValue: saved?.kind,
    },
    {
      kind: "checkboxes",
      name: "domains",
      label: "Needs it meets",
      hint: "Tick at least one.",
      boxes: NEED_DOMAINS.map((d) => ({
        name: domainField(d),
        label: NEED_DOMAIN_LABELS[d],
        defaultChecked: saved?.domains.includes(d) ?? false,
      })),
    },
    {
      kind: "text",
      name: "languages",
      label: "Languages it works in",
      hint: "Language codes separated by commas, e.g. en, es, vi.",
      required: true,
      defaultValue: saved?.languages.join(", "),
    },
    {
      kind: "text",
      name: "phone",
      label: "Phone",
      hint: "A phone number, an email or a website: at least one.",
      defaultValue: saved?.phone ?? undefined,
    },
    { kind: "email", name: "email", label: "Email", defaultValue: saved?.email ?? undefined },
    { kind: "url", name: "website", label: "Website", defaultValue: saved?.website ?? undefined },
    {
      kind: "textarea",
      name: "address",
      label: "Address",
      maxLength: 500,
      defaultValue: saved?.address ?? undefined,
    },
    {
      kind: "textarea",
      name: "hours",
      label: "Opening hours",
      maxLength: 500,
      defaultValue: saved?.hours ?? undefined,
    },
    {
      kind: "textarea",
      name: "description",
      label: "What they offer",
      maxLength: 2000,
      defaultValue: saved?.description ?? undefined,
    },
  ];
}
