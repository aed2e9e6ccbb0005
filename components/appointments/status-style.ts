// No imports: read by server pages and by the schedule's client list alike.

/** An appointment's status as the database keeps it. */
export type AppointmentStatusKey = "scheduled" | "confirmed" | "completed" | "cancelled" | "no-show";

/** The colours of an appointment's status label, wherever it is shown. */
export const STATUS_STYLE: Record<AppointmentStatusKey, string> = {
  scheduled: "bg-slate-200 text-slate-900",
  confirmed: "bg-green-100 text-green-900",
  completed: "bg-brand-100 text-brand-800",
  cancelled: "bg-red-100 text-red-900",
  "no-show": "bg-amber-100 text-amber-900",
};
