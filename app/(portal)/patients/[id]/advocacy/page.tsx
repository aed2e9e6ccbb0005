import type { Metadata } from "next";
import Link from "next/link";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { labelOptions } from "@/components/ui/options";
import { SectionHeading } from "@/components/ui/section-heading";
import { TwoColumns } from "@/components/ui/two-columns";
import { CHANNEL_LABELS, COUNTERPART_LABELS, getAdvocacyLog } from "@/lib/advocacy";
import { requireActor } from "@/lib/auth/current-user";
import { listResources, listResourcesGiven, RESOURCE_CATEGORY_LABELS } from "@/lib/education";
import { formatCalendarDate, formatDateTime } from "@/lib/time";
import { completeFollowUpAction, giveResourceAction, logInteractionAction } from "./actions";

export const metadata: Metadata = { title: "Representation log" };

export default async function AdvocacyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const [data, given] = await readRecordPage((await params).id, (_, patientId) =>
    Promise.all([getAdvocacyLog(actor, patientId), listResourcesGiven(actor, patientId)]),
  );
  const library = data.canWrite ? (await listResources(actor)).resources : [];
  return (
    <>
      <PatientHeading patient={data.patient} current="advocacy" />
      <TwoColumns side="26rem">
        <section aria-labelledby="log-heading">
          <SectionHeading id="log-heading" count={data.interactions.length}>
            Representation log
          </SectionHeading>
          {data.interactions.length === 0 ? (
            <EmptyState
              next={data.canWrite ? "Log each call, letter or meeting with the form beside this." : null}
            >
              No one has represented this patient yet.
            </EmptyState>
          ) : (
            <ul className="space-y-4">
              {data.interactions.map((i) => (
                <Card as="li" padding={5} key={i.id} id={`interaction-${i.id}`}>
                  <h3 className="font-semibold">
                    {COUNTERPART_LABELS[i.counterpartType]}: {i.organisation}
                  </h3>
                  <p className="text-sm text-slate-700">
                    {formatCalendarDate(i.occurredOn)} · {CHANNEL_LABELS[i.channel]}
                    {i.contact ? ` · with ${i.contact}` : ""} · {i.advocateName}
                  </p>
                  <Facts
                    layout="stack"
                    className="mt-2"
                    items={[
                      { label: "Asked", value: i.asked },
                      { label: "Outcome", value: i.outcome },
                    ]}
                  />
                  {i.concernId ? (
                    <p className="mt-2">
                      <Link href={`/patients/${data.patient.id}/concerns/${i.concernId}`}>
                        The concern this is about
                      </Link>
                    </p>
                  ) : null}
                  {i.rightsRequestId ? (
                    <p className="mt-2">
                      <Link
                        href={`/patients/${data.patient.id}/rights-requests#request-${i.rightsRequestId}`}
                      >
                        The rights request this is about
                      </Link>
                    </p>
                  ) : null}
                  {i.followUpOn ? (
                    <p className="mt-2">
                      Follow up by {formatCalendarDate(i.followUpOn)}
                      {i.followUpDoneAt ? `: done ${formatDateTime(i.followUpDoneAt)}` : ""}
                      {!i.followUpDoneAt && i.followUpOn < data.today ? (
                        <strong className="ml-2 text-red-800">Overdue</strong>
                      ) : null}
                    </p>
                  ) : null}
                  {data.canWrite && i.followUpOn && !i.followUpDoneAt ? (
                    <div className="mt-3">
                      <ActionForm
                        action={completeFollowUpAction.bind(null, i.id)}
                        hidden={{ version: String(i.version) }}
                        submitLabel="Mark follow-up done"
                        variant="secondary"
                        fields={[]}
                      />
                    </div>
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="given-heading" className="lg:col-start-1">
          <SectionHeading id="given-heading" count={given.length}>
            Education and resources given
          </SectionHeading>
          {given.length === 0 ? (
            <EmptyState next={data.canWrite ? "Record one with the form below." : null}>
              Nothing given yet.
            </EmptyState>
          ) : (
            <ul className="space-y-2">
              {given.map((g) => (
                <Card as="li" padding={4} key={g.givenId}>
                  <p className="font-semibold">
                    {g.url ? <a href={g.url}>{g.title}</a> : g.title}{" "}
                    <span className="text-sm font-normal text-slate-700">
                      ({RESOURCE_CATEGORY_LABELS[g.category]})
                    </span>
                  </p>
                  <p className="text-sm text-slate-700">
                    Given {formatDateTime(g.givenAt)} by {g.givenBy}
                    {g.note ? `: ${g.note}` : ""}
                  </p>
                </Card>
              ))}
            </ul>
          )}
          {data.canWrite ? (
            <Card padding={5} className="mt-4">
              <h3 className="mb-3 font-semibold">Give a resource</h3>
              {library.length === 0 ? (
                <EmptyState
                  framed={false}
                  next={
                    <>
                      Add resources in the <Link href="/resources">resource library</Link> first.
                    </>
                  }
                >
                  The library is empty.
                </EmptyState>
              ) : (
                <ActionForm
                  action={giveResourceAction.bind(null, data.patient.id)}
                  submitLabel="Record as given"
                  fields={[
                    {
                      kind: "select",
                      name: "resourceId",
                      label: "Resource",
                      options: library.map((r) => ({ value: r.id, label: `${r.title} (${r.language})` })),
                    },
                    {
                      kind: "text",
                      name: "note",
                      label: "Note",
                      hint: "E.g. 'Printed copy, explained in Spanish'.",
                    },
                  ]}
                />
              )}
            </Card>
          ) : null}
        </section>
        {data.canWrite ? (
          <CardSection
            id="log-form-heading"
            title="Log an interaction"
            className="self-start lg:col-start-2 lg:row-span-2 lg:row-start-1"
          >
            <ActionForm
              action={logInteractionAction.bind(null, data.patient.id)}
              submitLabel="Log it"
              fields={[
                {
                  kind: "select",
                  name: "counterpartType",
                  label: "Spoke to",
                  options: labelOptions(COUNTERPART_LABELS),
                },
                { kind: "text", name: "organisation", label: "Organisation", required: true },
                { kind: "text", name: "contact", label: "Contact person" },
                { kind: "date", name: "occurredOn", label: "Date", required: true, defaultValue: data.today },
                { kind: "select", name: "channel", label: "How", options: labelOptions(CHANNEL_LABELS) },
                { kind: "textarea", name: "asked", label: "What was asked", required: true, maxLength: 3000 },
                { kind: "textarea", name: "outcome", label: "Outcome", maxLength: 3000 },
                { kind: "date", name: "followUpOn", label: "Follow up by" },
                {
                  kind: "select",
                  name: "subject",
                  label: "About",
                  options: [
                    { value: "", label: "Not about a concern or a rights request" },
                    ...data.subjects,
                  ],
                },
              ]}
            />
          </CardSection>
        ) : null}
      </TwoColumns>
    </>
  );
}
