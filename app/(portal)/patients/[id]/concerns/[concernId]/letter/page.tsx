import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ConcernInterimLetter, ConcernResponseLetter } from "@/components/concerns/concern-letter";
import { PrintSheet } from "@/components/ui/print-sheet";
import { requireActor } from "@/lib/auth/current-user";
import { ConcernIdSchema, getConcern } from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";

export const metadata: Metadata = { title: "Letter to the patient" };

/**
 * The written response or interim notice, as a letter the patient keeps. The response is printed
 * in the language it is written in; `?copy=en` prints the English copy of a Spanish response,
 * from the English beside it.
 */
export default async function ConcernLetterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; concernId: string }>;
  searchParams: Promise<{ kind?: string | string[]; copy?: string | string[] }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const concernId = ConcernIdSchema.safeParse(raw.concernId);
  const { kind, copy } = await searchParams;
  if (!patientId.success || !concernId.success || (kind !== "response" && kind !== "interim")) notFound();
  if (copy !== undefined && (copy !== "en" || kind !== "response")) notFound();
  const actor = await requireActor();
  const { patient, concern: c } = await orNotFound(getConcern(actor, patientId.data, concernId.data));
  const sheet = {
    kind: "letter",
    printLabel: "Print this letter",
    backHref: `/patients/${patient.id}/concerns/${c.id}`,
    backLabel: "Back to the concern",
  } as const;
  if (kind === "interim") {
    if (!c.interim) notFound();
    return (
      <PrintSheet {...sheet}>
        <ConcernInterimLetter concern={c} patientName={patient.fullName} language="en" />
      </PrintSheet>
    );
  }
  const response = c.response;
  if (!response || (copy === "en" && !response.english)) notFound();
  const english = copy === "en" ? response.english : null;
  return (
    <PrintSheet {...sheet} printLabel={english ? "Print the English copy" : sheet.printLabel}>
      <ConcernResponseLetter
        concern={c}
        patientName={patient.fullName}
        language={english ? "en" : response.language}
        texts={english ?? response}
      />
    </PrintSheet>
  );
}
