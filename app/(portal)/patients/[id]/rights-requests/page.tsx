import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { PatientHeading } from "@/components/patient-nav";
import { FileRightsRequestForm } from "@/components/rights-requests/file-request-form";
import type { RightsRequestActions } from "@/components/rights-requests/request-actions";
import { RightsRequestCard } from "@/components/rights-requests/request-card";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { listPatientRightsRequests } from "@/lib/rights-requests";
import {
  decideRightsRequestAction,
  disagreementAction,
  extendRightsRequestAction,
  fileRightsRequestAction,
  respondRightsRequestAction,
} from "./actions";

export const metadata: Metadata = { title: "Rights requests" };

const actions: RightsRequestActions = {
  file: fileRightsRequestAction,
  extend: extendRightsRequestAction,
  decide: decideRightsRequestAction,
  respond: respondRightsRequestAction,
  disagreement: disagreementAction,
};

export default async function PatientRightsRequestsPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, listPatientRightsRequests);
  return (
    <>
      <PatientHeading patient={data.patient} current="rights-requests" />
      <TwoColumns>
        <section aria-labelledby="requests-heading">
          <SectionHeading id="requests-heading" count={data.requests.length}>
            Rights requests
          </SectionHeading>
          {data.requests.length === 0 ? (
            <EmptyState next={data.canWrite ? "Record one with the form beside this." : undefined}>
              No rights requests.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {data.requests.map((r) => (
                <RightsRequestCard
                  key={r.id}
                  patientId={data.patient.id}
                  r={r}
                  canWrite={data.canWrite}
                  today={data.today}
                  need={data.languageNeed}
                  actions={actions}
                />
              ))}
            </ul>
          )}
        </section>
        {data.canWrite ? (
          <FileRightsRequestForm patientId={data.patient.id} today={data.today} file={actions.file} />
        ) : null}
      </TwoColumns>
    </>
  );
}
