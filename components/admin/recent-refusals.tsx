import Link from "next/link";
import { Card } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";
import { formatDateTime } from "@/lib/time";

interface Row {
  userId: string;
  name: string;
  email: string;
  role: string;
  refusals: number;
  lastAt: Date;
}

/** Who was refused access over the last days, each row opening the trail of their refusals. */
export function RecentRefusals({ rows, days }: { rows: Row[]; days: number }) {
  return (
    <Card as="section" aria-labelledby="refusals-heading" className="mb-8">
      <h2 id="refusals-heading">Refused access, last {days} days</h2>
      {rows.length === 0 ? (
        <p className="mt-2">Nobody was refused access to a page, a record or an action.</p>
      ) : (
        <TableScroll label="Refused access by user">
          <table className="mt-2 w-full text-left">
            <thead>
              <tr>
                <th scope="col" className="px-3 py-2">
                  User
                </th>
                <th scope="col" className="px-3 py-2">
                  Role
                </th>
                <th scope="col" className="px-3 py-2">
                  Refusals
                </th>
                <th scope="col" className="px-3 py-2">
                  Last
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId} className="border-t">
                  <td className="px-3 py-2 break-words" id={`refusals-${r.userId}`}>
                    {r.name} <span className="text-sm text-slate-700">{r.email}</span>
                  </td>
                  <td className="px-3 py-2">{r.role}</td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/admin/audit?user=${r.userId}&action=access.denied`}
                      aria-describedby={`refusals-${r.userId}`}
                    >
                      {r.refusals} {r.refusals === 1 ? "refusal" : "refusals"}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{formatDateTime(r.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}
