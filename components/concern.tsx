import type { ConcernStatus } from "@/lib/concerns/schemas";
import { formatDateTime } from "@/lib/time";

/** What falls due next in words ("Acknowledge by …", "Resolve by …"), or null once resolved. */
export function concernDueWords(concern: { status: ConcernStatus; nextDueAt: Date | null }): string | null {
  if (!concern.nextDueAt) return null;
  return `${concern.status === "open" ? "Acknowledge by" : "Resolve by"} ${formatDateTime(concern.nextDueAt)}`;
}

/** When a concern falls due next, marked when overdue or when an interim notice is owed. */
export function ConcernDue({
  concern,
}: {
  concern: { status: ConcernStatus; nextDueAt: Date | null; overdue: boolean; interimNoticeDue: boolean };
}) {
  const due = concernDueWords(concern);
  if (!due) return <span className="text-slate-700">Done</span>;
  return (
    <span>
      {due}
      {concern.overdue ? <strong className="ml-1 block text-red-800">Overdue</strong> : null}
      {concern.interimNoticeDue ? <strong className="block text-amber-900">Interim notice due</strong> : null}
    </span>
  );
}
