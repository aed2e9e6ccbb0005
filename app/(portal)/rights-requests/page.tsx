import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { RightsDue } from "@/components/rights-request";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import {
  listRightsWorklist,
  RIGHTS_DECISION_LABELS,
  RIGHTS_TYPE_LABELS,
  RightsWorklistQuerySchema,
} from "@/lib/rights-requests";
import { formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "Rights requests" };

/** The advocate's rights-request worklist, by the day each falls due. */
export default async function RightsRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const parsed = RightsWorklistQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : RightsWorklistQuerySchema.parse({});
  const list = await orNotFound(listRightsWorklist(actor, query));
  return (
    <>
      <PageHeader title="Patient rights requests" />
      <p className="mb-4">
        <strong data-testid="rights-due-soon">{list.dueSoon}</strong> due within 7 days ·{" "}
        <strong data-testid="rights-overdue">{list.overdue}</strong> overdue
      </p>
      <search className="mb-6">
        <form method="get" action="/rights-requests" className="flex flex-wrap items-end gap-3">
          <FilterSelect
            name="type"
            label="Kind"
            value={query.type}
            options={labelOptions(RIGHTS_TYPE_LABELS)}
          />
          <FilterSelect
            name="status"
            label="Status"
            value={query.status}
            options={[
              { value: "open", label: "Not yet answered" },
              { value: "answered", label: "Answered" },
            ]}
          />
          <Button type="submit">Filter</Button>
          <Link href="/rights-requests">Clear filters</Link>
        </form>
      </search>
      {list.items.length === 0 ? (
        <p className="rounded bg-white p-4 shadow-sm">
          No requests match. Record a request from the patient&apos;s record, under Rights requests.
        </p>
      ) : (
        <TableScroll label="Rights requests, soonest due first">
          <table>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Patient</th>
                <th scope="col">Request</th>
                <th scope="col">Received</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id} className={r.overdue ? "bg-red-50" : undefined}>
                  <td>
                    <RightsDue request={r} />
                  </td>
                  <td>{r.patientName}</td>
                  <td>
                    <Link href={`/patients/${r.patientId}/rights-requests#request-${r.id}`}>
                      {RIGHTS_TYPE_LABELS[r.type]}
                    </Link>
                  </td>
                  <td>{formatCalendarDate(r.receivedOn)}</td>
                  <td>{r.decision ? RIGHTS_DECISION_LABELS[r.decision] : "Not yet"}</td>
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
        basePath="/rights-requests"
        params={{ type: query.type, status: query.status }}
      />
    </>
  );
}
