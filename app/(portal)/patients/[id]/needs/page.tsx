import type { Metadata } from "next";
import Link from "next/link";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { NeedCard } from "@/components/needs/need-card";
import { ReferralItem } from "@/components/needs/referral-item";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { labelOptions } from "@/components/ui/options";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { getPatientNeeds, NEED_DOMAIN_LABELS } from "@/lib/needs";
import {
  declineNeedAction,
  moveReferralAction,
  noteNeedAction,
  referNeedAction,
  reopenNeedAction,
} from "./actions";

export const metadata: Metadata = { title: "Needs and referrals" };

/** The patient's social needs, each with its referrals to the directory's services, until the loop closes. */
export default async function PatientNeedsPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, getPatientNeeds);
  const patientId = data.patient.id;
  return (
    <>
      <PatientHeading patient={data.patient} current="needs" />
      <p className="mb-4">
        <Link href={`/patients/${patientId}/screening`}>Social-needs screening</Link>
      </p>
      <TwoColumns side="24rem">
        <section aria-labelledby="needs-heading" className="min-w-0">
          <SectionHeading id="needs-heading" count={data.needs.length}>
            Needs
          </SectionHeading>
          {data.needs.length === 0 ? (
            <EmptyState
              next={data.canNote ? "Screen the patient, or note a need with the form beside this." : null}
            >
              No needs recorded.
            </EmptyState>
          ) : (
            <div className="space-y-4">
              {data.needs.map((need) => (
                <NeedCard
                  key={need.id}
                  need={need}
                  services={data.services.filter((s) => s.domains.includes(need.domain))}
                  language={data.language}
                  defaultAcceptDueOn={data.defaultAcceptDueOn}
                  actions={{
                    refer: data.canRefer ? referNeedAction.bind(null, need.id) : null,
                    decline: data.canNote ? declineNeedAction.bind(null, need.id) : null,
                    reopen: data.canNote ? reopenNeedAction.bind(null, need.id) : null,
                  }}
                >
                  {!data.canReadReferrals ? null : need.referrals.length === 0 ? (
                    <p className="mt-2 text-sm text-slate-700">No referral yet.</p>
                  ) : (
                    <ul
                      className="mt-3 space-y-3"
                      aria-label={`Referrals for ${NEED_DOMAIN_LABELS[need.domain]}`}
                    >
                      {need.referrals.map((r) => (
                        <ReferralItem
                          key={r.id}
                          referral={r}
                          today={data.today}
                          move={data.canRefer ? (to) => moveReferralAction.bind(null, r.id, to) : null}
                        />
                      ))}
                    </ul>
                  )}
                </NeedCard>
              ))}
            </div>
          )}
        </section>
        {data.canNote ? (
          <CardSection id="note-need" title="Note a need" className="self-start">
            <p className="mb-3 text-sm">For a need the patient told you about outside a screening.</p>
            <ActionForm
              action={noteNeedAction.bind(null, patientId)}
              submitLabel="Note the need"
              fields={[
                { kind: "select", name: "domain", label: "Need", options: labelOptions(NEED_DOMAIN_LABELS) },
                {
                  kind: "textarea",
                  name: "note",
                  label: "What the patient said",
                  required: true,
                  maxLength: 1000,
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
