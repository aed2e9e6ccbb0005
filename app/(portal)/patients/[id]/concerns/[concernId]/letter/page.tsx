import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { LetterHead, PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { CONCERN_CATEGORY_LABELS, ConcernIdSchema, getConcern } from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { formatCalendarDate, zonedDate } from "@/lib/time";

export const metadata: Metadata = { title: "Letter to the patient" };

/** The written response or interim notice, as a letter the patient keeps. */
export default async function ConcernLetterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; concernId: string }>;
  searchParams: Promise<{ kind?: string | string[] }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const concernId = ConcernIdSchema.safeParse(raw.concernId);
  const { kind } = await searchParams;
  if (!patientId.success || !concernId.success || (kind !== "response" && kind !== "interim")) notFound();
  const actor = await requireActor();
  const { patient, concern: c } = await orNotFound(getConcern(actor, patientId.data, concernId.data));
  if ((kind === "response" && !c.response) || (kind === "interim" && !c.interim)) notFound();
  const received = formatCalendarDate(zonedDate(c.receivedAt));
  const about = CONCERN_CATEGORY_LABELS[c.category].toLowerCase();
  return (
    <PrintSheet
      kind="letter"
      printLabel="Print this letter"
      backHref={`/patients/${patient.id}/concerns/${c.id}`}
      backLabel="Back to the concern"
    >
      <LetterHead
        date={formatCalendarDate(
          kind === "response" ? c.response!.completedOn : zonedDate(c.interim!.sentAt),
        )}
      />
      <h1 className="mb-6 text-2xl">
        {kind === "response" ? "Our response to your concern" : "Your concern: we are still working on it"}
      </h1>
      <p className="mb-4">Dear {patient.fullName},</p>
      {kind === "response" && c.response ? (
        <>
          <p className="mb-4">
            Thank you for telling us about your concern about {about}, which we received on {received}. This
            letter tells you what we did and what we found.
          </p>
          <h2 className="mt-6 text-xl">What we did to look into it</h2>
          <p className="whitespace-pre-wrap">{c.response.steps}</p>
          <h2 className="mt-6 text-xl">What we found, and what happens now</h2>
          <p className="whitespace-pre-wrap">{c.response.results}</p>
          <p className="mt-6">
            We completed our review on {formatCalendarDate(c.response.completedOn)}. If you have questions, or
            you are not satisfied, please contact: <strong>{c.response.contact}</strong>.
          </p>
          {c.qioReferredOn ? (
            <p className="mt-4">
              Your concern was also referred to the Quality Improvement Organization on{" "}
              {formatCalendarDate(c.qioReferredOn)}. They may contact you directly.
            </p>
          ) : null}
        </>
      ) : c.interim ? (
        <>
          <p className="mb-4">
            We received your concern about {about} on {received}. We have not finished looking into it yet,
            and we want you to know it has not been forgotten.
          </p>
          {c.interim.message ? <p className="mb-4 whitespace-pre-wrap">{c.interim.message}</p> : null}
          <p className="mb-4">
            We will write to you with our response by{" "}
            <strong>{formatCalendarDate(c.interim.expectedBy)}</strong>.
          </p>
          {c.assignedAdvocateName ? (
            <p>If you have questions before then, please contact your advocate, {c.assignedAdvocateName}.</p>
          ) : null}
        </>
      ) : null}
      <p className="mt-8">With best wishes,</p>
      <p>{c.assignedAdvocateName ?? "The patient advocacy team"}</p>
    </PrintSheet>
  );
}
