import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { FlaggedDecision } from "@/lib/decisions";
import { formatCalendarDate } from "@/lib/time";

/**
 * Above the care plan: each decision record the patient said does not say what she decided, or
 * the advocate said misses her voice, with her words and a link, until a coordinator resolves it.
 */
export function FlaggedDecisionsAlert({
  patientId,
  flagged,
}: {
  patientId: string;
  flagged: FlaggedDecision[];
}) {
  if (flagged.length === 0) return null;
  return (
    <Alert tone="warning">
      <h2 className="text-lg font-semibold">
        {flagged.length === 1
          ? "A decision record is flagged: resolve it before relying on it"
          : `${flagged.length} decision records are flagged: resolve them before relying on them`}
      </h2>
      <ul className="mt-2 space-y-2">
        {flagged.map((d) => (
          <li key={d.id}>
            <Link href={`/patients/${patientId}/decisions#decision-${d.id}`} className="font-medium">
              {d.topic}
            </Link>{" "}
            <span className="text-sm">(decided {formatCalendarDate(d.decidedOn)})</span>
            {d.patientComment ? (
              <p>The patient says it does not say what they decided: “{d.patientComment}”</p>
            ) : null}
            {d.voiceNote ? (
              <p>The advocate says the patient's voice is not reflected: “{d.voiceNote}”</p>
            ) : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
