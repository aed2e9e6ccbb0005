import Link from "next/link";
import type { PlanVersionEntry } from "@/lib/care-plans";
import { formatDateTime } from "@/lib/time";
import { type PlanPlace, planHref } from "./open-form";
import { PlanSection } from "./plan-section";

const HEADING = "history-heading";

/**
 * Who changed the plan, when, and what each version changed, newest first: on request (a link that
 * shows it), since every version's changes are long and most visits do not read them.
 */
export function PlanVersionHistory({ place, history }: { place: PlanPlace; history: PlanVersionEntry[] }) {
  if (!place.history) {
    return (
      <PlanSection id={HEADING} title="Version history" className="print:hidden">
        <p className="mt-2 text-sm text-slate-700">
          Who changed the plan, when, and what each version changed.
        </p>
        <p className="mt-1">
          <Link prefetch={false} href={planHref(place, { history: true }, HEADING)} className="font-medium">
            Show the version history
          </Link>
        </p>
      </PlanSection>
    );
  }
  return (
    <PlanSection id={HEADING} title="Version history" className="print:hidden">
      <ol className="mt-2 space-y-3">
        {history.map((v) => (
          <li key={v.version}>
            <p className="font-medium">
              Version {v.version} · {v.changedBy} · {formatDateTime(v.changedAt)}
            </p>
            <ul className="list-disc pl-6">
              {v.changes.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {history.length > 0 && history.at(-1)!.version > 1 ? (
        <p className="mt-2 text-sm text-slate-700">Showing the latest {history.length} versions.</p>
      ) : null}
      <p className="mt-2">
        <Link prefetch={false} href={planHref(place, { history: false }, HEADING)} className="text-sm">
          Hide the version history
        </Link>
      </p>
    </PlanSection>
  );
}
