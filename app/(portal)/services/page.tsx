import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ServiceCard, ServiceForms } from "@/components/services/service-card";
import { serviceFields } from "@/components/services/service-fields";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { NEED_DOMAIN_LABELS } from "@/lib/needs";
import { languageName, listServices, SERVICES_PAGE_SIZE, ServiceFilterSchema } from "@/lib/services";
import {
  addServiceAction,
  reactivateServiceAction,
  retireServiceAction,
  updateServiceAction,
} from "./actions";

export const metadata: Metadata = { title: "Directory of services" };

/** Which form is open: one service's (`edit`), or the new service's (`add=1`); none by default. */
const OpenFormSchema = z.object({
  edit: z.uuid().optional().catch(undefined),
  add: z.literal("1").optional().catch(undefined),
});

/** The directory of services referrals go to: advocates keep it, coordinators read it. */
export default async function ServicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const filter = ServiceFilterSchema.parse(raw);
  const open = OpenFormSchema.parse(raw);
  const directory = await orNotFound(listServices(actor, filter));
  const { services, languages, canManage } = directory;
  const filtered = Boolean(filter.domain || filter.language);
  const kept = {
    domain: filter.domain,
    language: filter.language,
    retired: filter.retired,
    page: filter.page && filter.page > 1 ? String(filter.page) : undefined,
  };
  const here = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...kept, ...extra })) if (v) q.set(k, v);
    return `/services${q.size > 0 ? `?${q}` : ""}`;
  };
  const list = (
    <section aria-labelledby="services-heading" className="min-w-0">
      <SectionHeading id="services-heading" count={directory.total}>
        Services
      </SectionHeading>
      {services.length === 0 ? (
        <EmptyState next={canManage && !filtered ? "Add the first one with “Add a service”." : null}>
          {filtered ? "No service matches these filters." : "The directory has no services yet."}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {services.map((s) => (
            <ServiceCard
              key={s.id}
              service={s}
              editHref={canManage ? `${here({ edit: s.id })}#edit-service` : null}
            >
              {canManage && open.edit === s.id ? (
                <ServiceForms
                  service={s}
                  closeHref={`${here()}#service-${s.id}`}
                  update={updateServiceAction.bind(null, s.id)}
                  retire={retireServiceAction.bind(null, s.id)}
                  reactivate={reactivateServiceAction.bind(null, s.id)}
                />
              ) : undefined}
            </ServiceCard>
          ))}
        </ul>
      )}
      <Pagination
        page={directory.page}
        pageSize={SERVICES_PAGE_SIZE}
        total={directory.total}
        basePath="/services"
        params={{ domain: filter.domain, language: filter.language, retired: filter.retired }}
      />
    </section>
  );
  return (
    <>
      <PageHeader title="Directory of services">
        {canManage && !open.add ? (
          <Link href={`${here({ add: "1" })}#add-service`}>Add a service</Link>
        ) : null}
      </PageHeader>
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
      {canManage && open.add ? (
        <TwoColumns side="26rem">
          {list}
          <CardSection id="add-service" title="Add a service" className="self-start">
            <ActionForm
              action={addServiceAction}
              submitLabel="Add to the directory"
              fields={serviceFields()}
            />
            <p className="mt-3">
              <Link href={here()}>Close</Link>
            </p>
          </CardSection>
        </TwoColumns>
      ) : (
        list
      )}
    </>
  );
}
