import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ServiceDetails } from "@/components/services/service-details";
import { serviceFields } from "@/components/services/service-fields";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Expander } from "@/components/ui/expander";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { NEED_DOMAIN_LABELS } from "@/lib/needs";
import { languageName, listServices, ServiceFilterSchema } from "@/lib/services";
import {
  addServiceAction,
  reactivateServiceAction,
  retireServiceAction,
  updateServiceAction,
} from "./actions";

export const metadata: Metadata = { title: "Directory of services" };

/** The directory of services referrals go to: advocates keep it, coordinators read it. */
export default async function ServicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const filter = ServiceFilterSchema.parse(await searchParams);
  const { services, languages, canManage } = await orNotFound(listServices(actor, filter));
  const filtered = Boolean(filter.domain || filter.language);
  return (
    <>
      <PageHeader title="Directory of services" />
      <p className="mb-4 max-w-prose">
        Community organisations and clinical services a patient's needs can be referred to, with the needs
        each meets, the languages it works in and how to reach it.
      </p>
      <FilterForm action="/services">
        <FilterSelect
          name="domain"
          label="Need"
          value={filter.domain}
          allLabel="All needs"
          options={labelOptions(NEED_DOMAIN_LABELS)}
        />
        <FilterSelect
          name="language"
          label="Language"
          value={filter.language}
          allLabel="All languages"
          options={languages.map((code) => ({ value: code, label: languageName(code) }))}
        />
        <FilterSelect
          name="retired"
          label="Retired services"
          value={filter.retired}
          allLabel="Hidden"
          options={[{ value: "shown", label: "Shown" }]}
        />
        <Button type="submit">Show</Button>
      </FilterForm>
      <TwoColumns side="26rem">
        <section aria-labelledby="services-heading" className="min-w-0">
          <SectionHeading id="services-heading" count={services.length}>
            Services
          </SectionHeading>
          {services.length === 0 ? (
            <EmptyState next={canManage && !filtered ? "Add the first one with the form beside this." : null}>
              {filtered ? "No service matches these filters." : "The directory has no services yet."}
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {services.map((s) => (
                <Card as="li" key={s.id} id={`service-${s.id}`} padding={5}>
                  <h3 className="font-semibold">{s.name}</h3>
                  <ServiceDetails service={s} />
                  {canManage ? (
                    <>
                      <Expander summary={`Edit “${s.name}”`}>
                        <ActionForm
                          action={updateServiceAction.bind(null, s.id)}
                          draftKey={`service-${s.id}`}
                          submitLabel="Save changes"
                          hidden={{ version: String(s.version) }}
                          fields={serviceFields(s)}
                        />
                      </Expander>
                      <div className="mt-3">
                        {s.active ? (
                          <ActionForm
                            action={retireServiceAction.bind(null, s.id)}
                            submitLabel={`Retire “${s.name}”`}
                            variant="danger"
                            hidden={{ version: String(s.version) }}
                            fields={[]}
                            confirm={{
                              title: `Retire “${s.name}”?`,
                              body: "No new referral can go to it. Its referrals stay as they are, and you can bring it back.",
                              confirmLabel: "Retire",
                            }}
                          />
                        ) : (
                          <ActionForm
                            action={reactivateServiceAction.bind(null, s.id)}
                            submitLabel={`Bring “${s.name}” back`}
                            variant="secondary"
                            hidden={{ version: String(s.version) }}
                            fields={[]}
                          />
                        )}
                      </div>
                    </>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
        </section>
        {canManage ? (
          <CardSection id="add-service" title="Add a service" className="self-start">
            <ActionForm
              action={addServiceAction}
              submitLabel="Add to the directory"
              fields={serviceFields()}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
