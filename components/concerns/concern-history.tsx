import type { ConcernDetail } from "@/lib/concerns";
import { CONCERN_STATUS_LABELS } from "@/lib/concerns/schemas";
import { formatDateTime } from "@/lib/time";
import { ConcernPanel } from "./concern-panel";

/** Every move the concern made, oldest first, with who made it and their note. */
export function ConcernHistory({ transitions }: { transitions: ConcernDetail["transitions"] }) {
  return (
    <ConcernPanel title="History">
      <ol className="space-y-2">
        {transitions.map((t) => (
          <li key={`${t.at.toISOString()}-${t.to}`}>
            <span className="font-medium">
              {t.from ? `${CONCERN_STATUS_LABELS[t.from]} → ` : "Received, "}
              {CONCERN_STATUS_LABELS[t.to]}
            </span>{" "}
            · {t.by} · {formatDateTime(t.at)}
            {t.note ? <span className="block text-slate-800">{t.note}</span> : null}
          </li>
        ))}
      </ol>
    </ConcernPanel>
  );
}
