import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import type { ConcernActions } from "@/components/concerns/concern-actions";
import { ConcernHistory } from "@/components/concerns/concern-history";
import { ConcernInterimNotice, ConcernResponse } from "@/components/concerns/concern-letters";
import { ConcernOverview } from "@/components/concerns/concern-overview";
import { ConcernWorkForms } from "@/components/concerns/concern-work-forms";
import { PatientHeading } from "@/components/patient-nav";
import { TwoColumns } from "@/components/ui/two-columns";
import { requireActor } from "@/lib/auth/current-user";
import { ConcernIdSchema, getConcern } from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  assignConcernAction,
  confidentialAction,
  interimNoticeAction,
  qioReferralAction,
  resolveConcernAction,
  transitionConcernAction,
} from "../actions";

export const metadata: Metadata = { title: "Concern" };

const actions: ConcernActions = {
  transition: transitionConcernAction,
  resolve: resolveConcernAction,
  interimNotice: interimNoticeAction,
  qioReferral: qioReferralAction,
  assign: assignConcernAction,
  confidential: confidentialAction,
};

export default async function ConcernPage({
  params,
}: {
  params: Promise<{ id: string; concernId: string }>;
}) {
  const raw = await params;
  const patientId = PatientIdSchema.safeParse(raw.id);
  const concernId = ConcernIdSchema.safeParse(raw.concernId);
  if (!patientId.success || !concernId.success) notFound();
  const actor = await requireActor();
  const {
    patient,
    concern: c,
    canWrite,
    advocates,
    languageNeed,
  } = await orNotFound(getConcern(actor, patientId.data, concernId.data));
  const letters = `/patients/${patient.id}/concerns/${c.id}/letter`;
  return (
    <>
      <PatientHeading patient={patient} current="concerns" />
      <p className="mb-2 print:hidden">
        <Link href={`/patients/${patient.id}/concerns`}>All concerns for this patient</Link>
      </p>
      <TwoColumns>
        <div className="space-y-6">
          <ConcernOverview concern={c} />
          {c.response ? <ConcernResponse response={c.response} letters={letters} /> : null}
          {c.interim ? <ConcernInterimNotice interim={c.interim} letters={letters} /> : null}
          <ConcernHistory transitions={c.transitions} />
        </div>
        {canWrite && c.status !== "closed" ? (
          <ConcernWorkForms concern={c} actions={actions} advocates={advocates} languageNeed={languageNeed} />
        ) : null}
      </TwoColumns>
    </>
  );
}
