import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { languageName } from "@/components/language/writing-for";
import { letterVersion, RightsLetter } from "@/components/rights-requests/rights-letter";
import { PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { getRightsRequest, RightsRequestIdSchema } from "@/lib/rights-requests";

export const metadata: Metadata = { title: "Letter to the patient" };

/**
 * The written notice of an extension, or of the decision, as a letter the patient keeps: in the
 * request's letter language, or (`copy=en`) its English copy when the letter is in Spanish and its
 * reason has English beside it.
 */
export default async function RightsLetterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; requestId: string }>;
  searchParams: Promise<{ kind?: string | string[]; copy?: string | string[] }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const requestId = RightsRequestIdSchema.safeParse(raw.requestId);
  const { kind, copy } = await searchParams;
  if (!patientId.success || !requestId.success || (kind !== "extension" && kind !== "decision")) notFound();
  if (copy !== undefined && copy !== "en") notFound();
  const actor = await requireActor();
  const { patient, request: r } = await orNotFound(getRightsRequest(actor, patientId.data, requestId.data));
  if ((kind === "extension" && !r.extendedDueOn) || (kind === "decision" && !r.decision)) notFound();
  const version = letterVersion(r, kind, copy === "en");
  if (!version) notFound();
  const base = `/patients/${patient.id}/rights-requests/${r.id}/letter?kind=${kind}`;
  const other =
    copy === "en"
      ? { href: base, label: `The letter in ${languageName(r.letterLanguage)}` }
      : letterVersion(r, kind, true)
        ? { href: `${base}&copy=en`, label: "English copy" }
        : null;
  return (
    <PrintSheet
      kind="letter"
      printLabel={copy === "en" ? "Print the English copy" : "Print this letter"}
      backHref={`/patients/${patient.id}/rights-requests#request-${r.id}`}
      backLabel="Back to the request"
    >
      {other ? (
        <p className="mb-6 text-base print:hidden">
          <Link href={other.href}>{other.label}</Link>
        </p>
      ) : null}
      <RightsLetter
        letter={{ ...r, kind, patientName: patient.fullName, reason: version.reason }}
        language={version.language}
        copy={copy === "en"}
      />
    </PrintSheet>
  );
}
