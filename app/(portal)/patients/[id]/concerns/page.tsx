import type { Metadata } from "next";
import Link from "next/link";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ConcernDue } from "@/components/concern";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { labelOptions } from "@/components/ui/options";
import { SectionHeading } from "@/components/ui/section-heading";
import { TableHead, Td } from "@/components/ui/table-head";
import { TableScroll } from "@/components/ui/table-scroll";
import { TwoColumns } from "@/components/ui/two-columns";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_RAISER_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
  listPatientConcerns,
} from "@/lib/concerns";
import { formatDateTime } from "@/lib/time";
import { intakeConcernAction } from "./actions";

export const metadata: Metadata = { title: "Concerns" };

export default async function PatientConcernsPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, listPatientConcerns);
  return (
    <>
      <PatientHeading patient={data.patient} current="concerns" />
      <TwoColumns side="26rem">
        <section aria-labelledby="concerns-heading">
          <SectionHeading id="concerns-heading" count={data.concerns.length}>
            Concerns and grievances
          </SectionHeading>
          {data.concerns.length === 0 ? (
            <EmptyState next={data.canWrite ? "Record one with the form beside this." : null}>
              No concerns recorded.
            </EmptyState>
          ) : (
            <TableScroll label="Concerns">
              <table className="bg-white shadow-sm">
                <TableHead tone="plain" columns={["Received", "Concern", "Severity", "Status", "Due"]} />
                <tbody>
                  {data.concerns.map((c) => (
                    <tr key={c.id} className="border-t border-slate-200">
                      <Td>{formatDateTime(c.receivedAt)}</Td>
                      <Td>
                        <Link href={`/patients/${data.patient.id}/concerns/${c.id}`}>
                          {CONCERN_CATEGORY_LABELS[c.category]}
                        </Link>
                        {c.confidential ? (
                          <span className="ml-2 text-sm font-semibold">Confidential</span>
                        ) : null}
                        <span className="block max-w-md truncate text-sm text-slate-700">
                          {c.whatHappened}
                        </span>
                      </Td>
                      <Td>{CONCERN_SEVERITY_LABELS[c.severity]}</Td>
                      <Td>{CONCERN_STATUS_LABELS[c.status]}</Td>
                      <Td>
                        <ConcernDue concern={c} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        {data.canWrite ? (
          <CardSection id="intake-heading" title="Record a concern" className="self-start">
            <ActionForm
              action={intakeConcernAction.bind(null, data.patient.id)}
              submitLabel="Record concern"
              fields={[
                {
                  kind: "select",
                  name: "raisedBy",
                  label: "Raised by",
                  options: labelOptions(CONCERN_RAISER_LABELS),
                },
                {
                  kind: "text",
                  name: "raisedByName",
                  label: "Their name",
                  hint: "If not the patient, e.g. 'Lucia Alvarez, daughter'.",
                },
                {
                  kind: "select",
                  name: "category",
                  label: "Category",
                  options: labelOptions(CONCERN_CATEGORY_LABELS),
                },
                {
                  kind: "select",
                  name: "severity",
                  label: "Severity",
                  options: labelOptions(CONCERN_SEVERITY_LABELS),
                  defaultValue: "medium",
                },
                {
                  kind: "textarea",
                  name: "whatHappened",
                  label: "What happened",
                  required: true,
                  maxLength: 5000,
                },
                {
                  kind: "textarea",
                  name: "desiredOutcome",
                  label: "What the patient wants as an outcome",
                  required: true,
                  maxLength: 2000,
                },
                { kind: "date", name: "eventDate", label: "Date of the event" },
                { kind: "checkbox", name: "aboutDischarge", label: "About a discharge that came too soon" },
                {
                  kind: "checkbox",
                  name: "confidential",
                  label: "Confidential: hide from coordinators (e.g. it is about a member of staff)",
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
