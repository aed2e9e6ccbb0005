import type { WorkItem } from "@/lib/my-work";
import { formatCalendarDate, formatDateTime } from "@/lib/time";

/** When an item falls due: the day for day clocks, the moment otherwise, and "Overdue" in words. */
export function WorkDue({ item }: { item: WorkItem }) {
  const when = item.dueOn
    ? formatCalendarDate(item.dueOn)
    : item.dueAt
      ? formatDateTime(item.dueAt)
      : "No due time";
  return (
    <>
      {item.overdue ? <strong className="text-red-800">Overdue: </strong> : null}
      <span>{when}</span>
    </>
  );
}
