import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_lib/guards";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll } from "@/components/ui/table-scroll";
import { AUDIT_ACTIONS, AuditFilterSchema, listAuditEvents } from "@/lib/audit";
import { requireActor } from "@/lib/auth/current-user";
import { formatDateTime } from "@/lib/time";
import { listUserOptions } from "@/lib/users";

export const metadata: Metadata = { title: "Audit trail" };

const inputClass = "mt-1 block rounded border border-slate-400 bg-white px-3 py-2";

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
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="user" className="block font-medium">
            User
          </label>
          <select id="user" name="user" defaultValue={filter.user ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="patient" className="block font-medium">
            Patient MRN
          </label>
          <input id="patient" name="patient" defaultValue={filter.patient ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="action" className="block font-medium">
            Action
          </label>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block font-medium">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block font-medium">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
        </div>
        <Button type="submit">Filter</Button>
        <Link href="/admin/audit">Clear</Link>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded bg-white p-6 shadow-sm">
          No events match these filters. Widen the dates or clear a filter.
        </p>
      ) : (
        <TableScroll label="Audit events">
          <table className="text-sm">
            <thead className="bg-slate-100">
              <tr>
                {["When", "Who", "Action", "Patient", "Entity", "Address", "Details"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top">
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.occurredAt)}</td>
                  <td className="px-3 py-2">
                    {e.actorName ? (
                      `${e.actorName} (${e.actorRole})`
                    ) : (
                      <span className="text-slate-600">No session</span>
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono">{e.action}</td>
                  <td className="px-3 py-2">{e.patientMrn ?? ""}</td>
                  <td className="px-3 py-2">{e.entityType ? `${e.entityType} ${e.entityId ?? ""}` : ""}</td>
                  <td className="px-3 py-2">{e.ipAddress ?? ""}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {e.details ? JSON.stringify(e.details) : ""}
                  </td>
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
