import Link from "next/link";
import { SectionHeading } from "@/components/ui/section-heading";
import type { CarePlanListItem } from "@/lib/care-plans";
import { formatDateTime } from "@/lib/time";
import { PlanStatusBadge } from "./plan-status-badge";

/** All of the patient's plans, newest first, each a link that opens it; the open one is marked. */
export function PlanList({
  patientId,
  plans,
  currentId,
}: {
  patientId: string;
  plans: CarePlanListItem[];
  currentId: string | undefined;
}) {
  return (
    <nav aria-labelledby="plans-heading" className="rounded-lg bg-white p-5 shadow-sm print:hidden">
      <SectionHeading id="plans-heading" count={plans.length} className="text-lg">
        All plans
      </SectionHeading>
      <ul className="mt-2 space-y-2">
        {plans.map((p) => (
          <li key={p.id}>
            <Link
              href={`/patients/${patientId}/care-plan?plan=${p.id}`}
              aria-current={p.id === currentId ? "page" : undefined}
              className={p.id === currentId ? "font-semibold" : undefined}
            >
              {p.title}
            </Link>{" "}
            <PlanStatusBadge status={p.status} />
            <span className="block text-sm text-slate-700">
              Started {formatDateTime(p.createdAt)}
              {p.endedAt ? `, closed ${formatDateTime(p.endedAt)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
