import Link from "next/link";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead, Td } from "@/components/ui/table-head";
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
    <CardSection
      id="refusals-heading"
      title={`Refused access, last ${days} days`}
      headingClassName=""
      className="mb-8"
    >
      {rows.length === 0 ? (
        <EmptyState framed={false} className="mt-2">
          Nobody was refused access to a page, a record or an action.
        </EmptyState>
      ) : (
        <TableScroll label="Refused access by user">
          <table className="mt-2 w-full text-left">
            <TableHead density="dense" tone="plain" columns={["User", "Role", "Refusals", "Last"]} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId} className="border-t">
                  <Td density="dense" className="break-words" id={`refusals-${r.userId}`}>
                    {r.name} <span className="text-sm text-slate-700">{r.email}</span>
                  </Td>
                  <Td density="dense">{r.role}</Td>
                  <Td density="dense">
                    <Link
                      href={`/admin/audit?user=${r.userId}&action=access.denied`}
                      aria-describedby={`refusals-${r.userId}`}
                    >
                      {r.refusals} {r.refusals === 1 ? "refusal" : "refusals"}
                    </Link>
                  </Td>
                  <Td density="dense">{formatDateTime(r.lastAt)}</Td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </CardSection>
  );
}
