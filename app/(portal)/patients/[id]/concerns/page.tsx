import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ConcernDue } from "@/components/concern";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { labelOptions } from "@/components/ui/options";
import { TableScroll } from "@/components/ui/table-scroll";
import { requireActor } from "@/lib/auth/current-user";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_RAISER_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
  listPatientConcerns,
} from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { formatDateTime } from "@/lib/time";
import { intakeConcernAction } from "./actions";

export const metadata: Metadata = { title: "Concerns" };

export default async function PatientConcernsPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const data = await orNotFound(listPatientConcerns(actor, parsed.data));
  return (
    <>
      <PatientHeading patient={data.patient} current="concerns" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <section aria-labelledby="concerns-heading">
          <h2 id="concerns-heading" className="mb-3">
            Concerns and grievances ({data.concerns.length})
          </h2>
          {data.concerns.length === 0 ? (
            <p className="rounded bg-white p-4 shadow-sm">
              No concerns recorded.{data.canWrite ? " Record one with the form beside this." : ""}
            </p>
          ) : (
            <TableScroll label="Concerns">
              <table className="bg-white shadow-sm">
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">Concern</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {data.concerns.map((c) => (
                    <tr key={c.id}>
                      <td>{formatDateTime(c.receivedAt)}</td>
                      <td>
                        <Link href={`/patients/${data.patient.id}/concerns/${c.id}`}>
                          {CONCERN_CATEGORY_LABELS[c.category]}
                        </Link>
                        {c.confidential ? (
                          <span className="ml-2 text-sm font-semibold">Confidential</span>
                        ) : null}
                        <span className="block max-w-md truncate text-sm text-slate-700">
                          {c.whatHappened}
                        </span>
                      </td>
                      <td>{CONCERN_SEVERITY_LABELS[c.severity]}</td>
                      <td>{CONCERN_STATUS_LABELS[c.status]}</td>
                      <td>
                        <ConcernDue concern={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        {data.canWrite ? (
          <Card as="section" aria-labelledby="intake-heading" className="self-start">
            <h2 id="intake-heading" className="mb-4">
              Record a concern
            </h2>
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
          </Card>
        ) : null}
      </div>
    </>
  );
}
