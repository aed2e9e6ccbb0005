import Link from "next/link";
import { STATUS_STYLE } from "@/components/appointment-card";
import type { ScheduleItem } from "@/lib/appointments/schedule";
import { APPOINTMENT_KIND_LABEL } from "@/lib/appointments/schemas";
import { formatTime } from "@/lib/time";

const STATUS_LABEL: Record<string, string> = {
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  "no-show": "No-show",
};

/**
 * One booking in the week or day view. A cancelled one stays readable at full contrast (WCAG
 * 1.4.3): it is told apart by its "Cancelled" label, struck-through time and title, a dashed grey
 * edge and a grey card, never by fading it.
 */
export function ScheduleAppointment({ item }: { item: ScheduleItem }) {
  const cancelled = item.status === "cancelled";
  const struck = cancelled ? "line-through decoration-2" : undefined;
  const label = STATUS_LABEL[item.status];
  return (
    <li
      className={`rounded border-l-4 p-2 text-sm shadow-sm ${cancelled ? "border-dashed border-slate-500 bg-slate-100" : "border-brand-600 bg-white"}`}
    >
      <p className="flex flex-wrap items-baseline justify-between gap-1">
        <span className={cancelled ? "font-medium line-through decoration-2" : "font-medium"}>
          {formatTime(item.startsAt)}–{formatTime(item.endsAt)}
        </span>
        {label ? (
          <span
            className={`rounded px-1.5 text-xs font-semibold ${STATUS_STYLE[item.status as keyof typeof STATUS_STYLE]}`}
          >
            {label}
          </span>
        ) : null}
      </p>
      {item.patient ? (
        <>
          <p>
            <Link href={`/patients/${item.patient.id}/appointments`}>{item.patient.name}</Link>
          </p>
          <p className={struck}>
            {item.title} · {APPOINTMENT_KIND_LABEL[item.kind as keyof typeof APPOINTMENT_KIND_LABEL]}
          </p>
        </>
      ) : (
        <p>Busy (another team&apos;s patient)</p>
      )}
      {item.clinicianName ? <p className="text-slate-700">{item.clinicianName}</p> : null}
    </li>
  );
}
