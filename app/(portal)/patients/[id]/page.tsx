import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { PatientOverviewView } from "@/components/patient-overview";
import { getPatientOverview } from "@/lib/patients";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const p = await readRecordPage(id, getPatientOverview);
  return <PatientOverviewView p={p} />;
}
