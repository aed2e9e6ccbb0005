import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterInput, FilterSelect } from "@/components/ui/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { AUDIT_ACTIONS, AuditFilterSchema, listAuditEvents } from "@/lib/audit";
import { requireActor } from "@/lib/auth/current-user";
import { formatDateTime } from "@/lib/time";
import { listUserOptions } from "@/lib/users";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const filter = AuditFilterSchema.parse(await searchParams);
  const [result, staff] = await orNotFound(
    Promise.all([listAuditEvents(actor, filter), listUserOptions(actor)]),
  );
  return (
    <>
      <PageHeader title="Audit trail" />
      <Card padding={4} className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <FilterSelect
            name="user"
            id="user"
            label="User"
            value={filter.user}
            allLabel="Anyone"
            options={staff.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          />
          <FilterInput name="patient" label="Patient MRN" value={filter.patient} />
          <FilterSelect
            name="action"
            id="action"
            label="Action"
            value={filter.action}
            allLabel="Any action"
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))}
          />
          <FilterInput name="from" type="date" label="From" value={filter.from} />
          <FilterInput name="to" type="date" label="To" value={filter.to} />
          <Button type="submit">Filter</Button>
          <Link href="/admin/audit">Clear</Link>
        </form>
      </Card>
      {result.rows.length === 0 ? (
        <EmptyState next="Widen the dates or clear a filter.">No events match these filters.</EmptyState>
      ) : (
        <TableScroll label="Audit events">
          <table className="text-sm">
            <TableHead
              density="dense"
              columns={["When", "Who", "Action", "Patient", "Entity", "Address", "Details"]}
            />
            <tbody>
              {result.rows.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <Td density="dense" className="whitespace-nowrap">
                    {formatDateTime(e.occurredAt)}
                  </Td>
                  <Td density="dense">
                    {e.actorName ? (
                      `${e.actorName} (${e.actorRole})`
                    ) : (
                      <span className="text-slate-600">No session</span>
                    )}
                  </Td>
                  <Td density="dense" className="font-mono">
                    {e.action}
                  </Td>
                  <Td density="dense">{e.patientMrn ?? ""}</Td>
                  <Td density="dense">{e.entityType ? `${e.entityType} ${e.entityId ?? ""}` : ""}</Td>
                  <Td density="dense">{e.ipAddress ?? ""}</Td>
                  <Td density="dense" className="font-mono text-xs">
                    {e.details ? JSON.stringify(e.details) : ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/admin/audit"
        params={{
          user: filter.user,
          patient: filter.patient,
          action: filter.action,
          from: filter.from,
          to: filter.to,
        }}
      />
    </>
  );
}
