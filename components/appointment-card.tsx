import type { ReactNode } from "react";
import { StaffPatientNotes } from "@/components/appointments/patient-notes";
import { STATUS_STYLE } from "@/components/appointments/status-style";
import { Card } from "@/components/ui/card";
import type { AppointmentItem } from "@/lib/appointments";
import { APPOINTMENT_KIND_LABEL } from "@/lib/appointments/schemas";
import { formatTimeRange } from "@/lib/time";

export { STATUS_STYLE };

/** One appointment as staff read it; `actions` holds the forms for those who may change it. */
export function AppointmentCard({ item, actions }: { item: AppointmentItem; actions?: ReactNode }) {
  return (
    <Card as="li" padding={4} id={`appointment-${item.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          {item.title}{" "}
          <span className="font-normal text-slate-700">
            · {APPOINTMENT_KIND_LABEL[item.kind as keyof typeof APPOINTMENT_KIND_LABEL]}
            {item.inSeries ? " · part of a series" : ""}
          </span>
        </h3>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_STYLE[item.status]}`}>
          {item.status}
        </span>
      </div>
      <p className="mt-1">{formatTimeRange(item.startsAt, item.endsAt)}</p>
      <p className="text-sm text-slate-700">
        {item.clinicianName ? `With ${item.clinicianName}` : "No clinician assigned"}
        {item.location ? ` · ${item.location}` : ""}
        {item.videoUrl ? (
          <>
            {" · "}
            <a href={item.videoUrl} rel="noopener noreferrer">
              video link
            </a>
          </>
        ) : null}
      </p>
      {item.cancelReason ? <p className="mt-1 text-sm">Cancelled: {item.cancelReason}</p> : null}
      <StaffPatientNotes item={item} />
      {item.internalNotes ? (
        <p className="mt-1 text-sm text-slate-700">Staff only: {item.internalNotes}</p>
      ) : null}
      {actions}
    </Card>
  );
}
