import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/current-user";
import { getDisclosureLog } from "@/lib/disclosures";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { produceAccountingAction, recordDisclosureAction, voidDisclosureAction } from "./actions";

export const metadata: Metadata = { title: "Disclosures" };

/** The disclosure log staff keep, and the accountings of disclosures given to the patient (164.528). */
export default async function DisclosuresPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const data = await orNotFound(getDisclosureLog(actor, parsed.data));
  return (
    <>
      <PatientHeading patient={data.patient} current="disclosures" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="log-heading">
          <h2 id="log-heading" className="mb-1">
            Disclosure log ({data.disclosures.length})
          </h2>
          <p className="mb-3 max-w-prose text-slate-700">
            Each time this patient’s information went outside the organisation in a way they may ask to be
            told about. Entries are kept for six years and never deleted; one made in error is voided with the
            reason.
          </p>
          {data.disclosures.length === 0 ? (
            <p className="rounded bg-white p-4 shadow-sm">
              No disclosures recorded.{data.canWrite ? " Record one with the form beside this." : ""}
            </p>
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
                  <dl className="mt-2 space-y-1">
                    <dt className="font-medium">What</dt>
                    <dd className="whitespace-pre-wrap">{d.description}</dd>
                    <dt className="font-medium">Why</dt>
                    <dd className="whitespace-pre-wrap">{d.purpose}</dd>
                    {d.voidedAt ? (
                      <>
                        <dt className="font-medium">Voided {formatDateTime(d.voidedAt)}</dt>
                        <dd className="whitespace-pre-wrap">{d.voidReason}</dd>
                      </>
                    ) : null}
                  </dl>
                  {data.canWrite && !d.voidedAt ? (
                    <details className="mt-3 rounded border border-slate-300 p-3">
                      <summary className="cursor-pointer font-medium">Void: made in error</summary>
                      <div className="mt-3">
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
                      </div>
                    </details>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
          <h2 id="accountings-heading" className="mt-8 mb-3">
            Accountings given to the patient ({data.accountings.length})
          </h2>
          {data.accountings.length === 0 ? (
            <p className="rounded bg-white p-4 shadow-sm">
              None yet. When the patient asks for an accounting of disclosures, produce it here.
            </p>
          ) : (
            <ul className="space-y-2">
              {data.accountings.map((a) => (
                <li key={a.id} className="rounded bg-white p-4 shadow-sm">
                  <Link href={`/patients/${data.patient.id}/disclosures/accounting/${a.id}`}>
                    Accounting of {formatCalendarDate(a.producedOn)}
                  </Link>{" "}
                  covering {formatCalendarDate(a.periodFrom)} to {formatCalendarDate(a.periodTo)} ·{" "}
                  {a.free ? "free (first in 12 months)" : "a fee may apply"} · {a.producedByName}
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="space-y-8 self-start">
          {data.canWrite ? (
            <Card as="section" aria-labelledby="record-heading">
              <h2 id="record-heading" className="mb-4">
                Record a disclosure
              </h2>
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
            </Card>
          ) : null}
          {data.canProduceAccounting ? (
            <Card as="section" aria-labelledby="accounting-heading">
              <h2 id="accounting-heading" className="mb-2">
                Produce an accounting
              </h2>
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
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
