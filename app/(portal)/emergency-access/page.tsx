import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { mayRequestEmergencyAccess } from "@/lib/emergency-access";
import { env } from "@/lib/env";
import { requestEmergencyAccessAction } from "./actions";

export const metadata: Metadata = { title: "Emergency access" };

export default async function EmergencyAccessPage() {
  const actor = await requireActor();
  if (!mayRequestEmergencyAccess(actor)) notFound();
  const minutes = env().EMERGENCY_ACCESS_MINUTES;
  const lasts = minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;
  return (
    <>
      <PageHeader title="Emergency access" />
      <Card className="max-w-2xl">
        <p className="mb-4">
          Use this only when a patient outside your caseload needs you now, for example when covering for a
          colleague in an urgent situation. Give the patient&apos;s MRN and your reason.
        </p>
        <ActionForm
          action={requestEmergencyAccessAction}
          submitLabel="Open the record"
          pendingLabel="Opening…"
          variant="danger"
          fields={[
            {
              kind: "text",
              name: "patientMrn",
              label: "Patient MRN",
              required: true,
              hint: "The medical record number, e.g. CB-100001.",
            },
            {
              kind: "textarea",
              name: "reason",
              label: "Reason for access",
              required: true,
              maxLength: 1000,
              hint: "Who needs what, and why it cannot wait for a caseload assignment. An administrator reads this.",
            },
            {
              kind: "checkbox",
              name: "confirm",
              label: `I understand that this access lasts ${lasts}, is logged, and will be reviewed by an administrator.`,
            },
          ]}
        />
      </Card>
    </>
  );
}
