import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { PatientSearchForm, PatientSearchResults } from "@/components/admin/patient-search";
import { StepUpPrompt } from "@/components/security/step-up-prompt";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/current-user";
import { mayRequestEmergencyAccess } from "@/lib/emergency-access";
import { env } from "@/lib/env";
import { MRN_PATTERN, OrgSearchQuerySchema, searchPatients } from "@/lib/patients";
import { requestEmergencyAccessAction } from "./actions";

export const metadata: Metadata = { title: "Emergency access" };

export default async function EmergencyAccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!mayRequestEmergencyAccess(actor)) notFound();
  const raw = await searchParams;
  const { q } = OrgSearchQuerySchema.parse({ q: raw.q });
  const search = await searchPatients(actor, q);
  // The patient chosen from the results: only an MRN's shape is taken from the address bar.
  const chosen = typeof raw.mrn === "string" && MRN_PATTERN.test(raw.mrn) ? raw.mrn : undefined;
  const back = (mrn: string) => `/emergency-access?${new URLSearchParams({ q, mrn })}#request-heading`;
  const minutes = env().EMERGENCY_ACCESS_MINUTES;
  const lasts = minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`;
  return (
    <>
      <PageHeader title="Emergency access" />
      <StepUpPrompt actor={actor} />
      <Card className="mb-6 max-w-3xl">
        <h2 className="mb-2">Find the patient</h2>
        <p className="mb-4">
          Search every patient by name or MRN. The results show who they are and whether they are in your
          caseload, not their record: a record outside your caseload opens only with the request below.
        </p>
        <PatientSearchForm action="/emergency-access" query={q} />
        <PatientSearchResults
          search={search}
          caseloadLabel="In your caseload"
          empty="Check the spelling, try the family name alone, or ask the patient or a colleague for the MRN."
          action={(p) =>
            p.inCaseload ? (
              <Link href={`/patients/${p.id}`}>Open {p.name}&apos;s record</Link>
            ) : (
              <Link href={back(p.mrn)}>Request access to {p.mrn}</Link>
            )
          }
        />
      </Card>
      <Card className="max-w-2xl">
        <h2 id="request-heading" className="mb-2">
          Request emergency access
        </h2>
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
              hint: "The medical record number, e.g. CB-100001: search above to find it.",
              defaultValue: chosen,
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
