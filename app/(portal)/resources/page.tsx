import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { listResources, RESOURCE_CATEGORY_LABELS, RESOURCE_LANGUAGES, type Resource } from "@/lib/education";
import { addResourceAction, archiveResourceAction } from "./actions";

export const metadata: Metadata = { title: "Resource library" };

/** The resource library: rights, financial help, support services, transport, language access. */
export default async function ResourcesPage() {
  const actor = await requireActor();
  const { resources, canManage } = await orNotFound(listResources(actor));
  const byCategory = new Map<string, Resource[]>();
  for (const r of resources) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  return (
    <>
      <PageHeader title="Resource library" />
      <TwoColumns>
        <div className="space-y-6">
          {resources.length === 0 ? (
            <EmptyState next={canManage ? "Add the first resource with the form beside this." : null}>
              The library is empty.
            </EmptyState>
          ) : (
            [...byCategory].map(([category, list]) => (
              <CardSection
                key={category}
                id={`cat-${category}`}
                title={RESOURCE_CATEGORY_LABELS[category as keyof typeof RESOURCE_CATEGORY_LABELS]}
                headingClassName="mb-2"
                padding={5}
              >
                <ul className="space-y-3">
                  {list.map((r) => (
                    <li key={r.id} className="border-b border-slate-200 pb-3 last:border-0">
                      <h3 className="font-semibold">
                        {r.url ? <a href={r.url}>{r.title}</a> : r.title}{" "}
                        <span className="text-sm font-normal text-slate-700">
                          ({RESOURCE_LANGUAGES[r.language as keyof typeof RESOURCE_LANGUAGES] ?? r.language})
                        </span>
                      </h3>
                      <p>{r.summary}</p>
                      {canManage ? (
                        <div className="mt-2">
                          <ActionForm
                            action={archiveResourceAction.bind(null, r.id)}
                            submitLabel={`Archive “${r.title}”`}
                            variant="danger"
                            fields={[]}
                            confirm={{
                              title: `Archive “${r.title}”?`,
                              body: "It leaves the library. Patients who were given it keep it in their record.",
                              confirmLabel: "Archive",
                            }}
                          />
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </CardSection>
            ))
          )}
        </div>
        {canManage ? (
          <CardSection id="add-resource" title="Add a resource" className="self-start">
            <ActionForm
              action={addResourceAction}
              submitLabel="Add to the library"
              fields={[
                { kind: "text", name: "title", label: "Title", required: true },
                {
                  kind: "select",
                  name: "category",
                  label: "Category",
                  options: labelOptions(RESOURCE_CATEGORY_LABELS),
                },
                {
                  kind: "textarea",
                  name: "summary",
                  label: "Plain-language summary",
                  required: true,
                  maxLength: 1000,
                },
                { kind: "url", name: "url", label: "Link" },
                {
                  kind: "select",
                  name: "language",
                  label: "Language",
                  options: labelOptions(RESOURCE_LANGUAGES),
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
