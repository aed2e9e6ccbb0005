import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
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
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          {resources.length === 0 ? (
            <p className="rounded bg-white p-4 shadow-sm">
              The library is empty.{canManage ? " Add the first resource with the form beside this." : ""}
            </p>
          ) : (
            [...byCategory].map(([category, list]) => (
              <Card as="section" padding={5} key={category} aria-labelledby={`cat-${category}`}>
                <h2 id={`cat-${category}`} className="mb-2">
                  {RESOURCE_CATEGORY_LABELS[category as keyof typeof RESOURCE_CATEGORY_LABELS]}
                </h2>
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
              </Card>
            ))
          )}
        </div>
        {canManage ? (
          <Card as="section" aria-labelledby="add-resource" className="self-start">
            <h2 id="add-resource" className="mb-4">
              Add a resource
            </h2>
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
          </Card>
        ) : null}
      </div>
    </>
  );
}
