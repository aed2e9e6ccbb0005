import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { ConcernDue } from "@/components/concern";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
  ConcernWorklistQuerySchema,
  listConcernWorklist,
} from "@/lib/concerns";
import { formatDateTime } from "@/lib/time";

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
      <search className="mb-6">
        <form method="get" action="/concerns" className="flex flex-wrap items-end gap-3">
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
        </form>
      </search>
      {list.items.length === 0 ? (
        <p className="rounded bg-white p-4 shadow-sm">
          No concerns match. Record a concern from the patient&apos;s record, under Concerns.
        </p>
      ) : (
        <TableScroll label="Concerns, soonest due first">
          <table>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Patient</th>
                <th scope="col">Concern</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Advocate</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} className={c.overdue ? "bg-red-50" : undefined}>
                  <td>
                    <ConcernDue concern={c} />
                  </td>
                  <td>{c.patientName}</td>
                  <td>
                    <Link href={`/patients/${c.patientId}/concerns/${c.id}`}>
                      {CONCERN_CATEGORY_LABELS[c.category]}
                    </Link>
                    {c.confidential ? <span className="ml-2 text-sm font-semibold">Confidential</span> : null}
                    <span className="block max-w-sm truncate text-sm text-slate-700">{c.whatHappened}</span>
                  </td>
                  <td>{CONCERN_SEVERITY_LABELS[c.severity]}</td>
                  <td>{CONCERN_STATUS_LABELS[c.status]}</td>
                  <td>{c.assignedAdvocateName ?? "Not assigned"}</td>
                  <td>{formatDateTime(c.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
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
