import Link from "next/link";
import type { RightsRequestItem } from "@/lib/rights-requests";

/** Letters to print, and for an accounting request the way to produce it. */
export function RequestLinks({
  patientId,
  r,
  canProduceAccounting,
}: {
  patientId: string;
  r: RightsRequestItem;
  canProduceAccounting: boolean;
}) {
  const base = `/patients/${patientId}/rights-requests/${r.id}/letter`;
  const links = [
    r.extendedDueOn ? { href: `${base}?kind=extension`, label: "Extension letter" } : null,
    r.decision ? { href: `${base}?kind=decision`, label: "Decision letter" } : null,
    canProduceAccounting && r.type === "accounting" && r.responseSentOn === null
      ? { href: `/patients/${patientId}/disclosures#accounting-heading`, label: "Produce the accounting" }
      : null,
  ].filter((l) => l !== null);
  if (links.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-4">
      {links.map((l) => (
        <li key={l.href}>
          <Link href={l.href}>{l.label}</Link>
        </li>
      ))}
    </ul>
  );
}
