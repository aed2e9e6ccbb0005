import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { LetterHead, PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { AccountingIdSchema, getAccounting } from "@/lib/disclosures";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "Accounting of disclosures" };

/** The accounting as the patient receives it: every disclosure in the period, as the log stood then. */
export default async function AccountingPage({
  params,
}: {
  params: Promise<{ id: string; accountingId: string }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const accountingId = AccountingIdSchema.safeParse(raw.accountingId);
  if (!patientId.success || !accountingId.success) notFound();
  const actor = await requireActor();
  const {
    patient,
    accounting: a,
    disclosures,
  } = await orNotFound(getAccounting(actor, patientId.data, accountingId.data));
  return (
    <PrintSheet
      kind="listing"
      printLabel="Print this accounting"
      backHref={`/patients/${patient.id}/disclosures`}
      backLabel="Back to the disclosure log"
    >
      <LetterHead date={formatCalendarDate(a.producedOn)} className="mb-6" />
      <h1 className="mb-4 text-2xl">Accounting of disclosures</h1>
      <p className="mb-4">Dear {patient.fullName},</p>
      <p className="mb-4">
        You asked us who we have shared your health information with. This list shows each time we disclosed
        it from {formatCalendarDate(a.periodFrom)} to {formatCalendarDate(a.periodTo)}, to whom, what we
        shared and why. It does not list disclosures for your treatment, for payment or for running our
        services, disclosures to you, or ones you authorised in writing: the law does not ask us to list
        those.
      </p>
      <p className="mb-6 font-medium">
        {a.free
          ? "This accounting is free: it is the first you have asked for in 12 months."
          : "You had another accounting in the past 12 months. As we told you before you confirmed this request, a reasonable, cost-based fee may apply."}
      </p>
      {disclosures.length === 0 ? (
        <p className="mb-6">
          We made no disclosures of your information in this period that need to be listed.
        </p>
      ) : (
        <table className="mb-6 w-full border-collapse text-left">
          <caption className="sr-only">Disclosures of your health information</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-3">
                Date
              </th>
              <th scope="col" className="py-2 pr-3">
                Shared with
              </th>
              <th scope="col" className="py-2 pr-3">
                What
              </th>
              <th scope="col" className="py-2">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {disclosures.map((d) => (
              <tr key={d.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">{formatCalendarDate(d.disclosedOn)}</td>
                <td className="py-2 pr-3">
                  {d.recipient}
                  {d.recipientAddress ? <span className="block text-sm">{d.recipientAddress}</span> : null}
                </td>
                <td className="py-2 pr-3 whitespace-pre-wrap">{d.description}</td>
                <td className="py-2 whitespace-pre-wrap">{d.purpose}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>If you have questions about this list, please contact your advocate or the privacy office.</p>
      <p className="mt-8">With best wishes,</p>
      <p>{a.producedByName}</p>
    </PrintSheet>
  );
}
