import Link from "next/link";

const TABS = [
  { key: "overview", label: "Overview", path: "", staffOnly: false },
  { key: "preferences", label: "What matters", path: "/preferences", staffOnly: false },
  { key: "care-plan", label: "Care plan", path: "/care-plan", staffOnly: false },
  { key: "appointments", label: "Appointments", path: "/appointments", staffOnly: false },
  { key: "updates", label: "Updates", path: "/updates", staffOnly: false },
  { key: "concerns", label: "Concerns", path: "/concerns", staffOnly: false },
  { key: "rights-requests", label: "Rights requests", path: "/rights-requests", staffOnly: false },
  { key: "advocacy", label: "Representation", path: "/advocacy", staffOnly: true },
  { key: "disclosures", label: "Disclosures", path: "/disclosures", staffOnly: true },
  { key: "messages", label: "Messages", path: "/messages", staffOnly: true },
] as const;

/** The sections of one patient's record; patients and family see no staff-only section. */
export function PatientNav({
  patientId,
  current,
  staff,
}: {
  patientId: string;
  current: (typeof TABS)[number]["key"];
  staff: boolean;
}) {
  return (
    <nav aria-label="Patient record" className="mb-4 print:hidden">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-300">
        {TABS.filter((t) => staff || !t.staffOnly).map((t) => (
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
  staff,
}: {
  patient: { id: string; mrn: string; name: string };
  current: (typeof TABS)[number]["key"];
  staff: boolean;
}) {
  return (
    <>
      <h1>
        {patient.name} <span className="text-lg font-normal text-slate-700">MRN {patient.mrn}</span>
      </h1>
      <PatientNav patientId={patient.id} staff={staff} current={current} />
    </>
  );
}
