import type { ScheduleItem } from "@/lib/appointments/schedule";
import { APPOINTMENT_KIND_LABEL } from "@/lib/appointments/schemas";
import { formatTime } from "@/lib/time";
import type { ScheduleRow } from "./schedule-list";

/**
 * How every booking looks, said once on the whole week (or day) rather than on each booking: a
 * week holds a hundred of them (issue 19). Lines are broken by the text's own newlines (pre-line).
 */
export const SCHEDULE_STYLES = [
  "[&_ul>li]:whitespace-pre-line [&_ul>li]:rounded [&_ul>li]:border-l-4 [&_ul>li]:border-brand-600",
  "[&_ul>li]:bg-white [&_ul>li]:p-2 [&_ul>li]:text-sm [&_ul>li]:shadow-sm [&_ul>li_strong]:font-medium",
  "[&_ul>li_b]:rounded [&_ul>li_b]:px-1.5 [&_ul>li_b]:text-xs [&_ul>li_b]:font-semibold",
].join(" ");

/** A day's bookings as the schedule's list shows them: only what it shows, already in words. */
export function scheduleRows(items: ScheduleItem[]): ScheduleRow[] {
  return items.map((item) => [
    `${formatTime(item.startsAt)}–${formatTime(item.endsAt)}`,
    item.status as ScheduleRow[1],
    item.patient?.id ?? null,
    item.patient?.name ?? null,
    item.patient
      ? `${item.title} · ${APPOINTMENT_KIND_LABEL[item.kind as keyof typeof APPOINTMENT_KIND_LABEL]}`
      : null,
    item.clinicianName,
  ]);
}
