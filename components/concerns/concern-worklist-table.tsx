import { concernDueWords } from "@/components/concern";
import { EmptyState } from "@/components/ui/empty-state";
import { TableScroll } from "@/components/ui/table-scroll";
import type { ConcernSummary } from "@/lib/concerns";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
} from "@/lib/concerns/schemas";
import { formatDateTime } from "@/lib/time";
import { type ConcernWorklistRow, ConcernWorklistRows } from "./concern-worklist-rows";

/** One concern as the worklist shows it, every value already in words. */
function worklistRow(c: ConcernSummary): ConcernWorklistRow {
  return [
    c.id,
    c.patientId,
    c.patientName,
    CONCERN_CATEGORY_LABELS[c.category],
    c.confidential,
    c.whatHappened,
    CONCERN_SEVERITY_LABELS[c.severity],
    CONCERN_STATUS_LABELS[c.status],
    c.assignedAdvocateName ?? "Not assigned",
    formatDateTime(c.receivedAt),
    concernDueWords(c),
    c.overdue,
    c.interimNoticeDue,
  ];
}

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
      <ConcernWorklistRows rows={items.map(worklistRow)} />
    </TableScroll>
  );
}
