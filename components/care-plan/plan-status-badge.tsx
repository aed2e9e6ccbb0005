import { type CarePlanStatus, PLAN_STATUS_LABELS } from "@/lib/care-plans/schemas";

const BADGE: Record<CarePlanStatus, string> = {
  draft: "bg-slate-200 text-slate-900",
  active: "bg-green-100 text-green-900",
  completed: "bg-brand-50 text-brand-800",
  revoked: "bg-red-100 text-red-900",
};

export function PlanStatusBadge({ status }: { status: CarePlanStatus }) {
  return (
    <span className={`rounded px-2 py-0.5 text-sm font-medium ${BADGE[status]}`}>
      {PLAN_STATUS_LABELS[status]}
    </span>
  );
}
