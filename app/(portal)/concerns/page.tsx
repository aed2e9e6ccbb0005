import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ConcernWorklistTable } from "@/components/concerns/concern-worklist-table";
import { Button } from "@/components/ui/button";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/current-user";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
  ConcernWorklistQuerySchema,
  listConcernWorklist,
} from "@/lib/concerns";

export const metadata: Metadata = { title: "Concerns" };

/** The advocate's worklist: what falls due first at the top. */
export default async function ConcernsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const parsed = ConcernWorklistQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : ConcernWorklistQuerySchema.parse({});
  const list = await orNotFound(listConcernWorklist(actor, query));
  const params = {
    status: query.status,
    category: query.category,
    severity: query.severity,
    advocate: query.advocate,
  };
  return (
    <>
      <PageHeader title="Concerns and grievances" />
      <FilterForm action="/concerns">
        <FilterSelect
          name="status"
          label="Status"
          value={query.status}
          options={[{ value: "active", label: "Not yet resolved" }, ...labelOptions(CONCERN_STATUS_LABELS)]}
        />
        <FilterSelect
          name="category"
          label="Category"
          value={query.category}
          options={labelOptions(CONCERN_CATEGORY_LABELS)}
        />
        <FilterSelect
          name="severity"
          label="Severity"
          value={query.severity}
          options={labelOptions(CONCERN_SEVERITY_LABELS)}
        />
        <FilterSelect
          name="advocate"
          label="Advocate"
          value={query.advocate}
          options={list.advocates.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Button type="submit">Filter</Button>
        <Link href="/concerns">Clear filters</Link>
      </FilterForm>
      <ConcernWorklistTable items={list.items} />
      <Pagination
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        basePath="/concerns"
        params={params}
      />
    </>
  );
}
