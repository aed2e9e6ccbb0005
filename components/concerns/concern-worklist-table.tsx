import Link from "next/link";
import { ConcernDue } from "@/components/concern";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import type { ConcernSummary } from "@/lib/concerns";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
} from "@/lib/concerns/schemas";
import { formatDateTime } from "@/lib/time";

/** The team's concerns, soonest due first, overdue rows marked. */
export function ConcernWorklistTable({ items }: { items: ConcernSummary[] }) {
  if (items.length === 0)
    return (
      <EmptyState next="Record a concern from the patient's record, under Concerns.">
        No concerns match.
      </EmptyState>
    );
  return (
    <TableScroll label="Concerns, soonest due first">
      <table>
        <TableHead columns={["Due", "Patient", "Concern", "Severity", "Status", "Advocate", "Received"]} />
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className={c.overdue ? "bg-red-50" : undefined}>
              <Td>
                <ConcernDue concern={c} />
              </Td>
              <Td>{c.patientName}</Td>
              <Td>
                <Link href={`/patients/${c.patientId}/concerns/${c.id}`}>
                  {CONCERN_CATEGORY_LABELS[c.category]}
                </Link>
                {c.confidential ? <span className="ml-2 text-sm font-semibold">Confidential</span> : null}
                <span className="block max-w-sm truncate text-sm text-slate-700">{c.whatHappened}</span>
              </Td>
              <Td>{CONCERN_SEVERITY_LABELS[c.severity]}</Td>
              <Td>{CONCERN_STATUS_LABELS[c.status]}</Td>
              <Td>{c.assignedAdvocateName ?? "Not assigned"}</Td>
              <Td>{formatDateTime(c.receivedAt)}</Td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
