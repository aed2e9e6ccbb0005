import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { PatientOverviewView } from "@/components/patient-overview";
import { requireActor } from "@/lib/auth/current-user";
import { getPatientOverview, PatientIdSchema } from "@/lib/patients";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = PatientIdSchema.safeParse(id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const p = await orNotFound(getPatientOverview(actor, parsed.data));
  return <PatientOverviewView p={p} />;
}
