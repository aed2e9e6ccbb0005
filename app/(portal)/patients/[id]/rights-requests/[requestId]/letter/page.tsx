import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { LetterHead, PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  DENIAL_REASONS,
  getRightsRequest,
  RIGHTS_TYPE_LABELS,
  RightsRequestIdSchema,
} from "@/lib/rights-requests";
import { formatCalendarDate } from "@/lib/time";

export const metadata: Metadata = { title: "Letter to the patient" };

const COMPLAINT =
  "If you think we have not respected your rights, you may complain to our privacy office, or to the U.S. Department of Health and Human Services, Office for Civil Rights. We will not hold a complaint against you.";

/** The written notice of an extension, or of the decision, as a letter the patient keeps. */
export default async function RightsLetterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; requestId: string }>;
  searchParams: Promise<{ kind?: string | string[] }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const requestId = RightsRequestIdSchema.safeParse(raw.requestId);
  const { kind } = await searchParams;
  if (!patientId.success || !requestId.success || (kind !== "extension" && kind !== "decision")) notFound();
  const actor = await requireActor();
  const { patient, request: r } = await orNotFound(getRightsRequest(actor, patientId.data, requestId.data));
  if ((kind === "extension" && !r.extendedDueOn) || (kind === "decision" && !r.decision)) notFound();
  const what = RIGHTS_TYPE_LABELS[r.type].toLowerCase();
  const received = formatCalendarDate(r.receivedOn);
  const refused = r.decision === "denied" || r.decision === "partly-granted";
  return (
    <PrintSheet
      kind="letter"
      printLabel="Print this letter"
      backHref={`/patients/${patient.id}/rights-requests#request-${r.id}`}
      backLabel="Back to the request"
    >
      <LetterHead date={formatCalendarDate(kind === "extension" ? r.extensionNotifiedOn! : r.decidedOn!)} />
      <h1 className="mb-6 text-2xl">
        {kind === "extension" ? "We need more time to answer your request" : "Our answer to your request"}
      </h1>
      <p className="mb-4">Dear {patient.fullName},</p>
      {kind === "extension" ? (
        <>
          <p className="mb-4">
            We received your request for {what} on {received}. We are sorry: we cannot answer it by{" "}
            {formatCalendarDate(r.dueOn)}, the date we first gave you.
          </p>
          <h2 className="mt-6 text-xl">Why we need more time</h2>
          <p className="whitespace-pre-wrap">{r.extensionReason}</p>
          <p className="mt-6">
            We will answer by <strong>{formatCalendarDate(r.extendedDueOn!)}</strong>. The law allows us one
            extension of up to 30 days, so this is the latest date you will hear from us.
          </p>
        </>
      ) : (
        <>
          <p className="mb-4">
            We received your request for {what} on {received}.{" "}
            {r.decision === "granted"
              ? "We have granted it."
              : r.decision === "partly-granted"
                ? "We have granted part of it, and we could not grant the rest."
                : "We are not able to grant it."}
          </p>
          {r.decisionReason ? <p className="mb-4 whitespace-pre-wrap">{r.decisionReason}</p> : null}
          {refused && r.decisionReasonCode ? (
            <>
              <h2 className="mt-6 text-xl">The reason the law allows</h2>
              <p className="mb-4">{DENIAL_REASONS[r.type][r.decisionReasonCode] ?? r.decisionReasonCode}</p>
            </>
          ) : null}
          {refused && r.type === "amendment" ? (
            <>
              <h2 className="mt-6 text-xl">If you disagree</h2>
              <p className="mb-4">
                You may send us a written statement saying what you disagree with and why. We will keep it
                with your record and include it whenever we share the part of the record it is about. If you
                do not send a statement, you may ask us to include your request and this letter whenever we
                share that part of your record.
              </p>
            </>
          ) : null}
          {refused ? <p className="mb-4">{COMPLAINT}</p> : null}
        </>
      )}
      <p className="mt-8">With best wishes,</p>
      <p>The patient advocacy team</p>
    </PrintSheet>
  );
}
