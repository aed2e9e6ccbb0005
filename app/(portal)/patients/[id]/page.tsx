import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { WhoDecidesBanner } from "@/components/directives/who-decides-banner";
import { PatientOverviewView } from "@/components/patient-overview";
import { getWhoDecidesBanner } from "@/lib/directives";
import { getPatientOverview } from "@/lib/patients";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [p, who] = await readRecordPage(id, (actor, patientId) =>
    Promise.all([getPatientOverview(actor, patientId), getWhoDecidesBanner(actor, patientId)]),
  );
  return <PatientOverviewView p={p} top={<WhoDecidesBanner who={who} patientId={p.id} emptyLine />} />;
}
