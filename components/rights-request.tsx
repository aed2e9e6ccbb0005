import { formatCalendarDate } from "@/lib/time";

/** The day a request is due, marked when it is close or past. */
export function RightsDue({
  request,
}: {
  request: {
    effectiveDueOn: string;
    extendedDueOn: string | null;
    responseSentOn: string | null;
    overdue: boolean;
    dueSoon: boolean;
  };
}) {
  if (request.responseSentOn) return <span>Answered {formatCalendarDate(request.responseSentOn)}</span>;
  return (
    <span>
      Due {formatCalendarDate(request.effectiveDueOn)}
      {request.extendedDueOn ? " (extended)" : ""}
      {request.overdue ? <strong className="ml-1 block text-red-800">Overdue</strong> : null}
      {request.dueSoon ? <strong className="ml-1 block text-amber-900">Due within 7 days</strong> : null}
    </span>
  );
}
