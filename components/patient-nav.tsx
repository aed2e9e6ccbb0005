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

/**
 * The sections of one patient's record, for staff: patients and family never reach these pages
 * (the policy gives portal roles no staff permission); each section's page asks the policy again.
 */
export function PatientNav({
  patientId,
  current,
}: {
  patientId: string;
  current: (typeof TABS)[number]["key"];
}) {
  return (
    <nav aria-label="Patient record" className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-300">
        {TABS.map((t) => (
          <li key={t.key}>
            <Link
              href={`/patients/${patientId}${t.path}`}
              aria-current={current === t.key ? "page" : undefined}
              className={`inline-block px-1 pb-2 ${current === t.key ? "border-b-4 border-brand-700 font-semibold" : ""}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The heading of every page of a patient's record: name, MRN and the record's sections. */
export function PatientHeading({
  patient,
  current,
}: {
  patient: { id: string; mrn: string; name: string };
  current: (typeof TABS)[number]["key"];
}) {
  return (
    <>
      <h1>
        {patient.name} <span className="text-lg font-normal text-slate-700">MRN {patient.mrn}</span>
      </h1>
      <PatientNav patientId={patient.id} current={current} />
    </>
  );
}
