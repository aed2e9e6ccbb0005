import type { PlanVersionEntry } from "@/lib/care-plans";
import { formatDateTime } from "@/lib/time";
import { PlanSection } from "./plan-section";

/** Who changed the plan, when, and what each version changed, newest first. */
export function PlanVersionHistory({ history }: { history: PlanVersionEntry[] }) {
  return (
    <PlanSection id="history-heading" title="Version history" className="print:hidden">
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
    </PlanSection>
  );
}
