"use client";

import Link from "next/link";
import { type AppointmentStatusKey, STATUS_STYLE } from "@/components/appointments/status-style";

/**
 * One booking as the schedule shows it, worded on the server (times in the organisation's zone):
 * a tuple, not an object, because a week sends a hundred of them and each key would go with each.
 */
export type ScheduleRow = [
  time: string,
  status: AppointmentStatusKey,
  /** The patient's id and "Family, Given"; both null for another team's patient, shown as busy. */
  patientId: string | null,
  patient: string | null,
  /** "Title · Kind", for the caseload's own patients. */
  what: string | null,
  clinician: string | null,
];

const LABEL: Partial<Record<AppointmentStatusKey, string>> = {
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  "no-show": "No-show",
};
const STRUCK = "line-through decoration-2";

/**
 * A day's bookings. A client component for its props, not for interaction: the rows go to the
 * browser as compact data instead of as the element tree of every booking, which the RSC payload
 * would otherwise repeat beside the HTML (issue 19). Styled by SCHEDULE_STYLES on the week or day.
 *
 * A cancelled booking stays readable at full contrast (WCAG 1.4.3): it is told apart by its
 * "Cancelled" label, struck-through time and title, a dashed grey edge and a grey card, never by
 * fading it.
 */
export function ScheduleList({ rows, className }: { rows: ScheduleRow[]; className?: string }) {
  return (
    <ul className={className ? `space-y-2 ${className}` : "space-y-2"}>
      {rows.map(([time, status, patientId, patient, what, clinician], i) => {
        const cancelled = status === "cancelled";
        const label = LABEL[status];
        return (
          // A list drawn once and never reordered in place: its place is its key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above; an id each would be sent with each row
          <li key={i} className={cancelled ? "border-dashed border-slate-500! bg-slate-100!" : undefined}>
            <strong className={cancelled ? STRUCK : undefined}>{time}</strong>
            {label ? " " : null}
            {label ? <b className={STATUS_STYLE[status]}>{label}</b> : null}
            {"\n"}
            {patientId ? <Link href={`/patients/${patientId}/appointments`}>{patient}</Link> : null}
            {patientId ? "\n" : "Busy (another team's patient)"}
            {patientId && cancelled ? <span className={STRUCK}>{what}</span> : patientId ? what : null}
            {clinician ? `\n${clinician}` : null}
          </li>
        );
      })}
    </ul>
  );
}
