import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmergencyAccessForm } from "@/components/emergency-access-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { allowsGlobal } from "@/lib/authz/policy";
import { env } from "@/lib/env";
import { requestEmergencyAccessAction } from "./actions";

export const metadata: Metadata = { title: "Emergency access" };

export default async function EmergencyAccessPage() {
  const actor = await requireActor();
  if (!allowsGlobal(actor.role, "request:emergencyAccess")) notFound();
  return (
    <>
      <PageHeader title="Emergency access" />
      <div className="max-w-2xl rounded-lg bg-white p-6 shadow-sm">
        <p className="mb-4">
          Use this only when a patient outside your caseload needs you now, for example when covering for a
          colleague in an urgent situation. Give the patient&apos;s MRN and your reason.
        </p>
        <EmergencyAccessForm action={requestEmergencyAccessAction} minutes={env().EMERGENCY_ACCESS_MINUTES} />
      </div>
    </>
  );
}
