import type { ConcernStatus } from "@/lib/concerns/schemas";
import { formatDateTime } from "@/lib/time";

/** When a concern falls due next, marked when overdue or when an interim notice is owed. */
export function ConcernDue({
  concern,
}: {
  concern: { status: ConcernStatus; nextDueAt: Date | null; overdue: boolean; interimNoticeDue: boolean };
}) {
  if (!concern.nextDueAt) return <span className="text-slate-700">Done</span>;
  return (
    <span>
      {concern.status === "open" ? "Acknowledge by " : "Resolve by "}
      {formatDateTime(concern.nextDueAt)}
      {concern.overdue ? <strong className="ml-1 block text-red-800">Overdue</strong> : null}
      {concern.interimNoticeDue ? <strong className="block text-amber-900">Interim notice due</strong> : null}
    </span>
  );
}
