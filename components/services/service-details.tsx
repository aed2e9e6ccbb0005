import { Facts } from "@/components/ui/facts";
import { NEED_DOMAIN_LABELS } from "@/lib/needs/labels";
import type { Service } from "@/lib/services";
import { languageName, SERVICE_KIND_LABELS } from "@/lib/services/schemas";

/** A service's names for the languages it works in: "English, Spanish". */
export function serviceLanguages(languages: readonly string[]): string {
  return languages.map((code) => languageName(code)).join(", ");
}

/** A service of the directory: what it is, the needs it meets, its languages and how to reach it. */
export function ServiceDetails({ service }: { service: Service }) {
  return (
    <>
      <p className="text-sm text-slate-700">
        {SERVICE_KIND_LABELS[service.kind]}
        {service.active ? null : <strong className="ml-2 text-red-800">Retired</strong>}
      </p>
      {service.description ? <p className="mt-1 whitespace-pre-wrap">{service.description}</p> : null}
      <Facts
        className="mt-2"
        items={[
          { label: "Needs", value: service.domains.map((d) => NEED_DOMAIN_LABELS[d]).join(", ") },
          { label: "Languages", value: serviceLanguages(service.languages) },
          {
            label: "Phone",
            value: service.phone ? <a href={`tel:${service.phone}`}>{service.phone}</a> : null,
          },
          {
            label: "Email",
            value: service.email ? <a href={`mailto:${service.email}`}>{service.email}</a> : null,
          },
          {
            label: "Website",
            value: service.website ? <a href={service.website}>{service.website}</a> : null,
          },
          { label: "Address", value: service.address },
          { label: "Hours", value: service.hours },
        ]}
      />
    </>
  );
}
