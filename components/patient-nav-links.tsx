"use client";

import Link from "next/link";

const TABS = [
  { key: "overview", label: "Overview", path: "" },
  { key: "preferences", label: "What matters", path: "/preferences" },
  { key: "care-plan", label: "Care plan", path: "/care-plan" },
  { key: "appointments", label: "Appointments", path: "/appointments" },
  { key: "updates", label: "Updates", path: "/updates" },
  { key: "concerns", label: "Concerns", path: "/concerns" },
  { key: "rights-requests", label: "Rights requests", path: "/rights-requests" },
  { key: "advocacy", label: "Representation", path: "/advocacy" },
  { key: "disclosures", label: "Disclosures", path: "/disclosures" },
  { key: "messages", label: "Messages", path: "/messages" },
  { key: "needs", label: "Needs & referrals", path: "/needs" },
  { key: "directives", label: "Who decides", path: "/directives" },
  { key: "decisions", label: "Decisions", path: "/decisions" },
] as const;

export type PatientSection = (typeof TABS)[number]["key"];

/**
 * The sections of one patient's record, for staff: patients and family never reach these pages
 * (the policy gives portal roles no staff permission); each section's page asks the policy again.
 * A client component for its props, not for interaction: the page sends the patient's id and the
 * section, and the thirteen links are drawn here rather than sent twice, as HTML and in the RSC
 * payload, on every page of the record (issue 19). Each tab is styled once, on the list.
 */
export function PatientNav({ patientId, current }: { patientId: string; current: PatientSection }) {
  return (
    <nav aria-label="Patient record" className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-300 [&_a]:inline-block [&_a]:px-1 [&_a]:pb-2 [&_[aria-current]]:border-b-4 [&_[aria-current]]:border-brand-700 [&_[aria-current]]:font-semibold">
        {TABS.map((t) => (
          <li key={t.key}>
            <Link
              href={`/patients/${patientId}${t.path}`}
              aria-current={current === t.key ? "page" : undefined}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
