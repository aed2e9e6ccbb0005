import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { ConcernDue } from "@/components/concern";
import { PatientHeading } from "@/components/patient-nav";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/current-user";
import {
  CONCERN_CATEGORY_LABELS,
  CONCERN_MOVE_LABELS,
  CONCERN_RAISER_LABELS,
  CONCERN_SEVERITY_LABELS,
  CONCERN_STATUS_LABELS,
  ConcernIdSchema,
  getConcern,
  isOpenStatus,
  nextStatuses,
} from "@/lib/concerns";
import { PatientIdSchema } from "@/lib/patients/schemas";
import { addDaysIso, formatCalendarDate, formatDateTime, zonedDate } from "@/lib/time";
import {
  assignConcernAction,
  confidentialAction,
  interimNoticeAction,
  qioReferralAction,
  resolveConcernAction,
  transitionConcernAction,
} from "../actions";

export const metadata: Metadata = { title: "Concern" };

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card as="section" padding={5} aria-labelledby={id}>
      <h3 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h3>
      {children}
    </Card>
  );
}

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
  } = await orNotFound(getConcern(actor, patientId.data, concernId.data));
  const version = { version: String(c.version) };
  const moves = nextStatuses(c.status);
  const writable = canWrite && c.status !== "closed";
  const letters = `/patients/${patient.id}/concerns/${c.id}/letter`;
  return (
    <>
      <PatientHeading patient={patient} current="concerns" />
      <p className="mb-2 print:hidden">
        <Link href={`/patients/${patient.id}/concerns`}>All concerns for this patient</Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <Card as="section" padding={5} aria-labelledby="concern-heading">
            <h2 id="concern-heading">
              {CONCERN_CATEGORY_LABELS[c.category]}: {CONCERN_STATUS_LABELS[c.status]}
              {c.confidential ? (
                <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                  Confidential
                </span>
              ) : null}
            </h2>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-slate-700">Raised by</dt>
              <dd>
                {CONCERN_RAISER_LABELS[c.raisedBy]}
                {c.raisedByName ? `: ${c.raisedByName}` : ""}
              </dd>
              <dt className="text-slate-700">Received</dt>
              <dd>{formatDateTime(c.receivedAt)}</dd>
              <dt className="text-slate-700">Date of the event</dt>
              <dd>{c.eventDate ? formatCalendarDate(c.eventDate) : "Not given"}</dd>
              <dt className="text-slate-700">Severity</dt>
              <dd>{CONCERN_SEVERITY_LABELS[c.severity]}</dd>
              <dt className="text-slate-700">Advocate</dt>
              <dd>{c.assignedAdvocateName ?? "Not assigned"}</dd>
              <dt className="text-slate-700">Next due</dt>
              <dd>
                <ConcernDue concern={c} />
              </dd>
              {c.qioReferredOn ? (
                <>
                  <dt className="text-slate-700">Quality Improvement Organization</dt>
                  <dd>Referred {formatCalendarDate(c.qioReferredOn)}</dd>
                </>
              ) : null}
            </dl>
            <h3 className="mt-4 font-semibold">What happened</h3>
            <p className="whitespace-pre-wrap">{c.whatHappened}</p>
            <h3 className="mt-3 font-semibold">What the patient wants</h3>
            <p className="whitespace-pre-wrap">{c.desiredOutcome}</p>
          </Card>
          {c.response ? (
            <Panel title="Written response">
              <dl className="space-y-2">
                <dt className="font-semibold">Contact person</dt>
                <dd>{c.response.contact}</dd>
                <dt className="font-semibold">Steps taken to investigate</dt>
                <dd className="whitespace-pre-wrap">{c.response.steps}</dd>
                <dt className="font-semibold">Results</dt>
                <dd className="whitespace-pre-wrap">{c.response.results}</dd>
                <dt className="font-semibold">Date of completion</dt>
                <dd>{formatCalendarDate(c.response.completedOn)}</dd>
              </dl>
              <p className="mt-3">
                <Link href={`${letters}?kind=response`}>Print the response letter</Link>
              </p>
            </Panel>
          ) : null}
          {c.interim ? (
            <Panel title="Interim notice">
              <p>
                Sent {formatDateTime(c.interim.sentAt)}; the patient was told they will hear back by{" "}
                {formatCalendarDate(c.interim.expectedBy)}.
              </p>
              {c.interim.message ? <p className="mt-2 whitespace-pre-wrap">{c.interim.message}</p> : null}
              <p className="mt-3">
                <Link href={`${letters}?kind=interim`}>Print the interim notice</Link>
              </p>
            </Panel>
          ) : null}
          <Panel title="History">
            <ol className="space-y-2">
              {c.transitions.map((t) => (
                <li key={`${t.at.toISOString()}-${t.to}`}>
                  <span className="font-medium">
                    {t.from ? `${CONCERN_STATUS_LABELS[t.from]} → ` : "Received, "}
                    {CONCERN_STATUS_LABELS[t.to]}
                  </span>{" "}
                  · {t.by} · {formatDateTime(t.at)}
                  {t.note ? <span className="block text-slate-800">{t.note}</span> : null}
                </li>
              ))}
            </ol>
          </Panel>
        </div>
        {writable ? (
          <aside className="space-y-6">
            {moves.filter((to) => to !== "resolved").length > 0 ? (
              <Panel title="Move it on">
                <div className="space-y-4">
                  {moves
                    .filter((to) => to !== "resolved")
                    .map((to) => (
                      <ActionForm
                        key={to}
                        action={transitionConcernAction.bind(null, c.id, to)}
                        hidden={version}
                        submitLabel={CONCERN_MOVE_LABELS[to] ?? CONCERN_STATUS_LABELS[to]}
                        variant={to === "closed" ? "danger" : "primary"}
                        fields={[
                          {
                            kind: "text",
                            name: "note",
                            label: `Note (${CONCERN_STATUS_LABELS[to].toLowerCase()})`,
                          },
                        ]}
                        confirm={
                          to === "closed"
                            ? {
                                title: "Close this concern?",
                                body: "A closed concern can no longer change. It stays in the record.",
                                confirmLabel: "Close concern",
                              }
                            : undefined
                        }
                      />
                    ))}
                </div>
              </Panel>
            ) : null}
            {moves.includes("resolved") ? (
              <Panel title="Resolve with a written response">
                <ActionForm
                  action={resolveConcernAction.bind(null, c.id)}
                  hidden={version}
                  submitLabel="Resolve and record the response"
                  fields={[
                    {
                      kind: "text",
                      name: "responseContact",
                      label: "Contact person",
                      required: true,
                      hint: "Name, role and how the patient can reach them.",
                    },
                    {
                      kind: "textarea",
                      name: "responseSteps",
                      label: "Steps taken to investigate",
                      required: true,
                      maxLength: 5000,
                    },
                    {
                      kind: "textarea",
                      name: "responseResults",
                      label: "Results",
                      required: true,
                      maxLength: 5000,
                    },
                    {
                      kind: "date",
                      name: "responseCompletedOn",
                      label: "Date of completion",
                      required: true,
                      defaultValue: zonedDate(),
                    },
                  ]}
                />
              </Panel>
            ) : null}
            {isOpenStatus(c.status) ? (
              <Panel title="Send an interim notice">
                <p className="mb-3 text-sm">
                  When a grievance is not resolved within its time, the patient gets a written notice that it
                  is still being worked on and when they will hear back.
                </p>
                <ActionForm
                  action={interimNoticeAction.bind(null, c.id)}
                  hidden={version}
                  submitLabel="Record interim notice"
                  fields={[
                    {
                      kind: "date",
                      name: "expectedBy",
                      label: "The patient will hear back by",
                      required: true,
                      defaultValue: addDaysIso(zonedDate(), 14),
                    },
                    {
                      kind: "textarea",
                      name: "message",
                      label: "What is being done",
                      required: true,
                      maxLength: 2000,
                    },
                  ]}
                />
              </Panel>
            ) : null}
            {(c.category === "quality-of-care" || c.aboutDischarge) && !c.qioReferredOn ? (
              <Panel title="Refer to the Quality Improvement Organization">
                <ActionForm
                  action={qioReferralAction.bind(null, c.id)}
                  hidden={version}
                  submitLabel="Record referral"
                  fields={[
                    {
                      kind: "date",
                      name: "referredOn",
                      label: "Referred on",
                      required: true,
                      defaultValue: zonedDate(),
                    },
                  ]}
                />
              </Panel>
            ) : null}
            <Panel title="Assignment and confidentiality">
              <div className="space-y-4">
                <ActionForm
                  action={assignConcernAction.bind(null, c.id)}
                  hidden={version}
                  submitLabel="Assign"
                  variant="secondary"
                  fields={[
                    {
                      kind: "select",
                      name: "advocateId",
                      label: "Assigned advocate",
                      options: advocates.map((a) => ({ value: a.id, label: a.name })),
                      defaultValue: c.assignedAdvocateId ?? undefined,
                    },
                  ]}
                />
                <ActionForm
                  action={confidentialAction.bind(null, c.id)}
                  hidden={version}
                  submitLabel="Save confidentiality"
                  variant="secondary"
                  fields={[
                    {
                      kind: "checkbox",
                      name: "confidential",
                      label: "Confidential: coordinators do not see this concern",
                      defaultChecked: c.confidential,
                    },
                  ]}
                />
              </div>
            </Panel>
          </aside>
        ) : null}
      </div>
    </>
  );
}
