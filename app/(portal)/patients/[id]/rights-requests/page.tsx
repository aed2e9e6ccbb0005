import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientHeading } from "@/components/patient-nav";
import { RightsDue } from "@/components/rights-request";
import { Card } from "@/components/ui/card";
import { labelOptions } from "@/components/ui/options";
import { requireActor } from "@/lib/auth/current-user";
import { PatientIdSchema } from "@/lib/patients/schemas";
import {
  DENIAL_REASONS,
  listPatientRightsRequests,
  RIGHTS_DECISION_LABELS,
  RIGHTS_TYPE_LABELS,
  type RightsRequestItem,
} from "@/lib/rights-requests";
import { formatCalendarDate } from "@/lib/time";
import {
  decideRightsRequestAction,
  disagreementAction,
  extendRightsRequestAction,
  fileRightsRequestAction,
  respondRightsRequestAction,
} from "./actions";

export const metadata: Metadata = { title: "Rights requests" };

function RequestForms({ r, today }: { r: RightsRequestItem; today: string }) {
  const version = { version: String(r.version) };
  return (
    <div className="mt-3 space-y-3">
      {r.canExtend ? (
        <details className="rounded border border-slate-300 p-3">
          <summary className="cursor-pointer font-medium">Extend once, by 30 days</summary>
          <div className="mt-3">
            <ActionForm
              action={extendRightsRequestAction.bind(null, r.id)}
              hidden={version}
              submitLabel="Extend"
              fields={[
                {
                  kind: "textarea",
                  name: "reason",
                  label: "Reason given to the patient",
                  required: true,
                  maxLength: 2000,
                },
                {
                  kind: "date",
                  name: "notifiedOn",
                  label: "Patient told on",
                  required: true,
                  defaultValue: today,
                },
              ]}
            />
          </div>
        </details>
      ) : null}
      {r.decision === null ? (
        <details className="rounded border border-slate-300 p-3">
          <summary className="cursor-pointer font-medium">Record the decision</summary>
          <div className="mt-3">
            <ActionForm
              action={decideRightsRequestAction.bind(null, r.id)}
              hidden={version}
              submitLabel="Record decision"
              fields={[
                {
                  kind: "select",
                  name: "decision",
                  label: "Decision",
                  options: labelOptions(RIGHTS_DECISION_LABELS),
                },
                {
                  kind: "select",
                  name: "reasonCode",
                  label: "Reason (when not granted in full)",
                  options: [
                    { value: "", label: "Granted in full: no reason needed" },
                    ...labelOptions(DENIAL_REASONS[r.type]),
                  ],
                },
                { kind: "textarea", name: "reason", label: "Explanation for the patient", maxLength: 3000 },
                ...(r.type === "amendment"
                  ? [
                      {
                        kind: "checkbox" as const,
                        name: "disagreementRightStated",
                        label: "The response tells the patient they may file a statement of disagreement",
                      },
                    ]
                  : []),
                { kind: "date", name: "decidedOn", label: "Decided on", required: true, defaultValue: today },
              ]}
            />
          </div>
        </details>
      ) : null}
      {r.decision !== null && r.responseSentOn === null ? (
        <ActionForm
          action={respondRightsRequestAction.bind(null, r.id)}
          hidden={version}
          submitLabel="Record response as sent"
          fields={[
            { kind: "date", name: "sentOn", label: "Response sent on", required: true, defaultValue: today },
          ]}
        />
      ) : null}
      {r.type === "amendment" &&
      (r.decision === "denied" || r.decision === "partly-granted") &&
      !r.disagreementStatement ? (
        <details className="rounded border border-slate-300 p-3">
          <summary className="cursor-pointer font-medium">Record a statement of disagreement</summary>
          <div className="mt-3">
            <ActionForm
              action={disagreementAction.bind(null, r.id)}
              hidden={version}
              submitLabel="Record statement"
              fields={[
                {
                  kind: "textarea",
                  name: "statement",
                  label: "The patient's statement",
                  required: true,
                  maxLength: 5000,
                },
                {
                  kind: "date",
                  name: "receivedOn",
                  label: "Received on",
                  required: true,
                  defaultValue: today,
                },
              ]}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}

/** Letters to print, and for an accounting request the way to produce it. */
function RequestLinks({
  patientId,
  r,
  canProduceAccounting,
}: {
  patientId: string;
  r: RightsRequestItem;
  canProduceAccounting: boolean;
}) {
  const base = `/patients/${patientId}/rights-requests/${r.id}/letter`;
  const links = [
    r.extendedDueOn ? { href: `${base}?kind=extension`, label: "Extension letter" } : null,
    r.decision ? { href: `${base}?kind=decision`, label: "Decision letter" } : null,
    canProduceAccounting && r.type === "accounting" && r.responseSentOn === null
      ? { href: `/patients/${patientId}/disclosures#accounting-heading`, label: "Produce the accounting" }
      : null,
  ].filter((l) => l !== null);
  if (links.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-4">
      {links.map((l) => (
        <li key={l.href}>
          <Link href={l.href}>{l.label}</Link>
        </li>
      ))}
    </ul>
  );
}

export default async function PatientRightsRequestsPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = PatientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const actor = await requireActor();
  const data = await orNotFound(listPatientRightsRequests(actor, parsed.data));
  return (
    <>
      <PatientHeading patient={data.patient} current="rights-requests" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="requests-heading">
          <h2 id="requests-heading" className="mb-3">
            Rights requests ({data.requests.length})
          </h2>
          {data.requests.length === 0 ? (
            <p className="rounded bg-white p-4 shadow-sm">
              No rights requests.{data.canWrite ? " Record one with the form beside this." : ""}
            </p>
          ) : (
            <ul className="space-y-4">
              {data.requests.map((r) => (
                <Card as="li" padding={5} key={r.id} id={`request-${r.id}`}>
                  <h3 className="font-semibold">{RIGHTS_TYPE_LABELS[r.type]}</h3>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
                    <dt className="text-slate-700">Received</dt>
                    <dd>{formatCalendarDate(r.receivedOn)}</dd>
                    <dt className="text-slate-700">Due</dt>
                    <dd>
                      <RightsDue request={r} />
                    </dd>
                    {r.requestedForm ? (
                      <>
                        <dt className="text-slate-700">Form and format</dt>
                        <dd>{r.requestedForm}</dd>
                      </>
                    ) : null}
                    {r.healthPlanSelfPay ? (
                      <>
                        <dt className="text-slate-700">Health plan</dt>
                        <dd>Paid in full out of pocket: must be granted</dd>
                      </>
                    ) : null}
                    {r.extendedDueOn ? (
                      <>
                        <dt className="text-slate-700">Extension</dt>
                        <dd>
                          To {formatCalendarDate(r.extendedDueOn)}; patient told{" "}
                          {formatCalendarDate(r.extensionNotifiedOn!)}: {r.extensionReason}
                        </dd>
                      </>
                    ) : null}
                    {r.decision ? (
                      <>
                        <dt className="text-slate-700">Decision</dt>
                        <dd>
                          {RIGHTS_DECISION_LABELS[r.decision]} on {formatCalendarDate(r.decidedOn!)}
                          {r.decisionReasonCode
                            ? `: ${DENIAL_REASONS[r.type][r.decisionReasonCode] ?? r.decisionReasonCode}`
                            : ""}
                          {r.decisionReason ? <span className="block">{r.decisionReason}</span> : null}
                        </dd>
                      </>
                    ) : null}
                    {r.disagreementStatement ? (
                      <>
                        <dt className="text-slate-700">Statement of disagreement</dt>
                        <dd>
                          Received {formatCalendarDate(r.disagreementReceivedOn!)}: {r.disagreementStatement}
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  <p className="mt-2 whitespace-pre-wrap">{r.details}</p>
                  <RequestLinks patientId={data.patient.id} r={r} canProduceAccounting={data.canWrite} />
                  {data.canWrite && (r.responseSentOn === null || r.type === "amendment") ? (
                    <RequestForms r={r} today={data.today} />
                  ) : null}
                </Card>
              ))}
            </ul>
          )}
        </section>
        {data.canWrite ? (
          <Card as="section" aria-labelledby="file-heading" className="self-start">
            <h2 id="file-heading" className="mb-4">
              Record a rights request
            </h2>
            <ActionForm
              action={fileRightsRequestAction.bind(null, data.patient.id)}
              submitLabel="Record request"
              fields={[
                {
                  kind: "select",
                  name: "type",
                  label: "Kind of request",
                  options: labelOptions(RIGHTS_TYPE_LABELS),
                },
                {
                  kind: "date",
                  name: "receivedOn",
                  label: "Received on",
                  required: true,
                  defaultValue: data.today,
                },
                {
                  kind: "textarea",
                  name: "details",
                  label: "What the patient asks for",
                  required: true,
                  maxLength: 3000,
                  hint: "For confidential communications: how and where to reach them. Never ask why.",
                },
                {
                  kind: "text",
                  name: "requestedForm",
                  label: "Form and format asked for",
                  hint: "E.g. electronic copy, paper.",
                },
                {
                  kind: "checkbox",
                  name: "healthPlanSelfPay",
                  label: "Restriction on telling a health plan about care paid in full out of pocket",
                },
              ]}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
