import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { RightsDue } from "@/components/rights-request";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-select";
import { labelOptions } from "@/components/ui/options";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead, Td } from "@/components/ui/table-head";
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
      <FilterForm action="/rights-requests">
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
      </FilterForm>
      {list.items.length === 0 ? (
        <EmptyState next="Record a request from the patient's record, under Rights requests.">
          No requests match.
        </EmptyState>
      ) : (
        <TableScroll label="Rights requests, soonest due first">
          <table>
            <TableHead columns={["Due", "Patient", "Request", "Received", "Decision"]} />
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id} className={r.overdue ? "bg-red-50" : undefined}>
                  <Td>
                    <RightsDue request={r} />
                  </Td>
                  <Td>{r.patientName}</Td>
                  <Td>
                    <Link href={`/patients/${r.patientId}/rights-requests#request-${r.id}`}>
                      {RIGHTS_TYPE_LABELS[r.type]}
                    </Link>
                  </Td>
                  <Td>{formatCalendarDate(r.receivedOn)}</Td>
                  <Td>{r.decision ? RIGHTS_DECISION_LABELS[r.decision] : "Not yet"}</Td>
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
