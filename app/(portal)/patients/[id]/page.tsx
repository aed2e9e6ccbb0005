import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { WhoDecidesBanner } from "@/components/directives/who-decides-banner";
import { PatientOverviewView } from "@/components/patient-overview";
import { getPatientOverview } from "@/lib/patients";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const p = await readRecordPage((await params).id, getPatientOverview);
  return (
    <PatientOverviewView p={p} top={<WhoDecidesBanner who={p.whoDecides} patientId={p.id} emptyLine />} />
  );
}
