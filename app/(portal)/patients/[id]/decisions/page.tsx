import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { decisionFields } from "@/components/decisions/decision-fields";
import {
  type DecisionActions,
  DecisionForms,
  type OpenDecisionForms,
} from "@/components/decisions/decision-forms";
import { DecisionRecord } from "@/components/decisions/decision-record";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { getDecisionsPage } from "@/lib/decisions";
import {
  editDecisionAction,
  flagDecisionAction,
  linkPlanItemAction,
  recordDecisionAction,
  resolveDecisionAction,
} from "./actions";

export const metadata: Metadata = { title: "Decisions" };

const actions: DecisionActions = {
  edit: editDecisionAction,
  flag: flagDecisionAction,
  resolve: resolveDecisionAction,
  link: linkPlanItemAction,
};

/** Which decision's edit or link form is open (issue 19: one at a time, on request); none by default. */
const OpenSchema = z.object({
  edit: z.uuid().optional().catch(undefined),
  link: z.uuid().optional().catch(undefined),
});

/** The patient's treatment decisions, each as she made it, with the forms the reader may use. */
export default async function DecisionsRoute({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const open: OpenDecisionForms = OpenSchema.parse(await searchParams);
  const data = await readRecordPage((await params).id, getDecisionsPage);
  const flagged = data.decisions.filter((d) => d.flagged).length;
  return (
    <>
      <PatientHeading patient={data.patient} current="decisions" />
      <TwoColumns side="26rem">
        <section aria-labelledby="decisions-heading">
          <SectionHeading id="decisions-heading" count={data.decisions.length}>
            Treatment decisions
          </SectionHeading>
          {flagged > 0 ? (
            <p className="mb-3 font-medium text-amber-900">
              {flagged === 1 ? "1 record is flagged" : `${flagged} records are flagged`} and waits for a
              coordinator to resolve it.
            </p>
          ) : null}
          {data.decisions.length === 0 ? (
            <EmptyState next={data.canWrite ? "Record one with the form beside this." : null}>
              No decisions recorded yet.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {data.decisions.map((d) => (
                <DecisionRecord key={d.id} patientId={data.patient.id} decision={d}>
                  <DecisionForms decision={d} page={data} actions={actions} open={open} />
                </DecisionRecord>
              ))}
            </ul>
          )}
        </section>
        {data.canWrite ? (
          <CardSection id="record-heading" title="Record a decision" className="self-start" padding={5}>
            <p className="mb-3 text-sm">
              {data.whatMattersNow ? (
                <>
                  “What matters” is taken from{" "}
                  <Link href={`/patients/${data.patient.id}/preferences`}>the preferences record</Link> as it
                  stands (version {data.whatMattersNow.version}): “{data.whatMattersNow.text}”
                </>
              ) : (
                <>
                  Nothing is recorded yet in{" "}
                  <Link href={`/patients/${data.patient.id}/preferences`}>the preferences record</Link> about
                  what matters most to the patient; record it there first if you can.
                </>
              )}
            </p>
            <ActionForm
              action={recordDecisionAction.bind(null, data.patient.id)}
              submitLabel="Record the decision"
              fields={decisionFields(data.plans, data.today)}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
