import Link from "next/link";
import type { ReactNode } from "react";

// The dashboard's small pieces: the link under a panel, a patient's name as a link, and the line
// under a list cut short.

export function MoreLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mt-2">
      <Link href={href}>{children}</Link>
    </p>
  );
}

export function PatientLink({ patient }: { patient: { id: string; name: string } | null }) {
  return patient ? <Link href={`/patients/${patient.id}/appointments`}>{patient.name}</Link> : null;
}

/** Said under a list cut short: which of the total are shown. */
export function LongestListed({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="mt-2 text-sm text-slate-700">The {shown} longest overdue are listed.</p>
  ) : null;
}
