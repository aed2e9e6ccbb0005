import type { Metadata } from "next";
import Link from "next/link";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Expander } from "@/components/ui/expander";
import { Facts } from "@/components/ui/facts";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { getDisclosureLog } from "@/lib/disclosures";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { produceAccountingAction, recordDisclosureAction, voidDisclosureAction } from "./actions";

export const metadata: Metadata = { title: "Disclosures" };

/** The disclosure log staff keep, and the accountings of disclosures given to the patient (164.528). */
export default async function DisclosuresPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, getDisclosureLog);
  return (
    <>
      <PatientHeading patient={data.patient} current="disclosures" />
      <TwoColumns>
        <section aria-labelledby="log-heading">
          <SectionHeading id="log-heading" count={data.disclosures.length} className="mb-1">
            Disclosure log
          </SectionHeading>
          <p className="mb-3 max-w-prose text-slate-700">
            Each time this patient’s information went outside the organisation in a way they may ask to be
            told about. Entries are kept for six years and never deleted; one made in error is voided with the
            reason.
          </p>
          {data.disclosures.length === 0 ? (
            <EmptyState next={data.canWrite ? "Record one with the form beside this." : null}>
              No disclosures recorded.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {data.disclosures.map((d) => (
                <Card as="li" padding={5} key={d.id} id={`disclosure-${d.id}`}>
                  <h3 className="font-semibold">
                    {d.voidedAt ? <s>{d.recipient}</s> : d.recipient}
                    {d.voidedAt ? <span className="ml-2 text-red-800">Voided</span> : null}
                  </h3>
                  <p className="text-sm text-slate-700">
                    Disclosed {formatCalendarDate(d.disclosedOn)}
                    {d.recipientAddress ? ` · ${d.recipientAddress}` : ""} · recorded by {d.recordedByName}
                  </p>
                  <Facts
                    layout="stack"
                    className="mt-2"
                    items={[
                      { label: "What", value: d.description },
                      { label: "Why", value: d.purpose },
                      ...(d.voidedAt
                        ? [{ label: `Voided ${formatDateTime(d.voidedAt)}`, value: d.voidReason }]
                        : []),
                    ]}
                  />
                  {data.canWrite && !d.voidedAt ? (
                    <Expander summary="Void: made in error">
                      <ActionForm
                        action={voidDisclosureAction.bind(null, d.id)}
                        submitLabel="Void this entry"
                        variant="danger"
                        confirm={{
                          title: "Void this disclosure?",
                          body: "It stays in the log marked as voided, and no future accounting will list it.",
                          confirmLabel: "Void it",
                        }}
                        fields={[
                          {
                            kind: "textarea",
                            name: "reason",
                            label: "Why it was made in error",
                            required: true,
                            maxLength: 500,
                          },
                        ]}
                      />
                    </Expander>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
          <SectionHeading id="accountings-heading" count={data.accountings.length} className="mt-8 mb-3">
            Accountings given to the patient
          </SectionHeading>
          {data.accountings.length === 0 ? (
            <EmptyState next="When the patient asks for an accounting of disclosures, produce it here.">
              None yet.
            </EmptyState>
          ) : (
            <ul className="space-y-2">
              {data.accountings.map((a) => (
                <Card as="li" padding={4} key={a.id}>
                  <Link href={`/patients/${data.patient.id}/disclosures/accounting/${a.id}`}>
                    Accounting of {formatCalendarDate(a.producedOn)}
                  </Link>{" "}
                  covering {formatCalendarDate(a.periodFrom)} to {formatCalendarDate(a.periodTo)} ·{" "}
                  {a.free ? "free (first in 12 months)" : "a fee may apply"} · {a.producedByName}
                </Card>
              ))}
            </ul>
          )}
        </section>
        <div className="space-y-8 self-start">
          {data.canWrite ? (
            <CardSection id="record-heading" title="Record a disclosure">
              <ActionForm
                action={recordDisclosureAction.bind(null, data.patient.id)}
                submitLabel="Record disclosure"
                fields={[
                  {
                    kind: "date",
                    name: "disclosedOn",
                    label: "Disclosed on",
                    required: true,
                    defaultValue: data.today,
                  },
                  { kind: "text", name: "recipient", label: "Disclosed to", required: true },
                  { kind: "text", name: "recipientAddress", label: "Their address, if known" },
                  {
                    kind: "textarea",
                    name: "description",
                    label: "What was disclosed",
                    required: true,
                    maxLength: 2000,
                  },
                  {
                    kind: "textarea",
                    name: "purpose",
                    label: "Why",
                    required: true,
                    maxLength: 2000,
                    hint: "The purpose, or a copy of the written request it answered.",
                  },
                ]}
              />
            </CardSection>
          ) : null}
          {data.canProduceAccounting ? (
            <CardSection id="accounting-heading" title="Produce an accounting" headingClassName="mb-2">
              <p className="mb-4 text-slate-700">
                {data.nextAccountingFree
                  ? "This will be the first accounting in 12 months: it is free."
                  : "The patient had an accounting in the past 12 months: a reasonable, cost-based fee may apply if they were told in advance."}
              </p>
              <ActionForm
                action={produceAccountingAction.bind(null, data.patient.id)}
                submitLabel="Produce accounting"
                fields={[
                  {
                    kind: "date",
                    name: "periodFrom",
                    label: "Covering from",
                    required: true,
                    defaultValue: data.earliest,
                    hint: "Six years back unless the patient asked for a shorter period. It runs to today.",
                  },
                  {
                    kind: "select",
                    name: "rightsRequestId",
                    label: "Answers the request",
                    options: [
                      { value: "", label: "No recorded request" },
                      ...data.openAccountingRequests.map((r) => ({
                        value: r.id,
                        label: `Accounting request received ${formatCalendarDate(r.receivedOn)}`,
                      })),
                    ],
                  },
                ]}
              />
            </CardSection>
          ) : null}
        </div>
      </TwoColumns>
    </>
  );
}
