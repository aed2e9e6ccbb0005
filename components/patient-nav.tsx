import { PatientNav, type PatientSection } from "./patient-nav-links";

export { PatientNav };

/** The heading of every page of a patient's record: name, MRN and the record's sections. */
export function PatientHeading({
  patient,
  current,
}: {
  patient: { id: string; mrn: string; name: string };
  current: PatientSection;
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
