import type { ReactNode } from "react";
import { PatientPreferencesPanel } from "@/components/care-plan/patient-preferences-panel";
import { PatientNav } from "@/components/patient-nav";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import type { PatientOverview } from "@/lib/patients";
import { ageOn, formatCalendarDate, formatDateTime } from "@/lib/time";

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div className="grid grid-cols-3 gap-2 border-t border-slate-200 py-2">
      <dt className="font-medium">{label}</dt>
      <dd className="col-span-2">{value || <span className="text-slate-600">Not recorded</span>}</dd>
    </div>
  );
}

/** Whether the patient may be texted: the opt-in she recorded (its words) or its absence, and any STOP. */
function textMessagesLine({ optedInAt, wording, stoppedAt }: PatientOverview["textMessages"]): string {
  const optIn = optedInAt
    ? `Opted in on ${formatDateTime(optedInAt)} (wording: “${wording}”)`
    : "Not opted in";
  return stoppedAt ? `Stopped (STOP on ${formatDateTime(stoppedAt)}). ${optIn}` : optIn;
}

/**
 * A patient's overview: demographics, contact, care team, and what the page puts on `top` ("who
 * decides"). Synchronous, so that the benchmark's
 * reference server can render exactly what the page renders with renderToString.
 */
export function PatientOverviewView({ p, top }: { p: PatientOverview; top?: ReactNode }) {
  const coordinators = p.staff.filter((s) => s.kind === "coordinator");
  const advocates = p.staff.filter((s) => s.kind === "advocate");
  const staffLine = (list: typeof p.staff) =>
    list.length ? list.map((s) => `${s.name}${s.isPrimary ? " (primary)" : ""}`).join(", ") : null;
  return (
    <>
      {p.access.includes("emergency") && !p.access.includes("caseload") ? (
        <Alert tone="warning">
          You are viewing this record through emergency access. Every page you open is logged and will be
          reviewed.
        </Alert>
      ) : null}
      <h1>
        {p.familyName}, {p.givenName}
      </h1>
      <p className="mb-4 text-slate-700">
        MRN {p.mrn} · born {formatCalendarDate(p.dateOfBirth)} (age {ageOn(p.dateOfBirth)})
      </p>
      <PatientNav patientId={p.id} current="overview" />
      {top}
      {p.canReadPreferences ? (
        <div className="mb-6">
          <PatientPreferencesPanel givenName={p.givenName} preferences={p.preferences} />
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <CardSection id="demographics" title="Demographics and contact" headingClassName="">
          <dl className="mt-2">
            <Row label="Sex" value={p.sex} />
            <Row label="Gender identity" value={p.genderIdentity} />
            <Row
              label="Preferred language"
              value={`${p.preferredLanguage.toUpperCase()}${p.interpreterNeeded ? " (interpreter needed)" : ""}`}
            />
            <Row label="Race" value={p.race} />
            <Row label="Ethnicity" value={p.ethnicity} />
            <Row label="Phone" value={p.phone} />
            <Row label="Email" value={p.email} />
            <Row label="Text messages" value={textMessagesLine(p.textMessages)} />
            <Row label="Address" value={p.address} />
            <Row label="Insurer" value={p.insurer} />
            <Row label="Member ID" value={p.insuranceMemberId} />
          </dl>
        </CardSection>
        <CardSection id="team" title="Care team" headingClassName="">
          <dl className="mt-2">
            <Row label="Coordinator" value={staffLine(coordinators)} />
            <Row label="Advocate" value={staffLine(advocates)} />
          </dl>
          {p.careTeam.length === 0 ? (
            <EmptyState framed={false} className="mt-4">
              No clinicians or services are recorded for this patient yet.
            </EmptyState>
          ) : (
            <ul className="mt-4 space-y-3">
              {p.careTeam.map((m) => (
                <li key={m.id} className="border-t border-slate-200 pt-2">
                  <p className="font-medium">
                    {m.name} <span className="font-normal text-slate-700">· {m.discipline}</span>
                  </p>
                  <p className="text-sm text-slate-700">
                    {m.internal ? "Internal" : "External"}
                    {m.organisation ? ` · ${m.organisation}` : ""}
                    {m.phone ? ` · ${m.phone}` : ""}
                    {m.email ? ` · ${m.email}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </CardSection>
      </div>
    </>
  );
}
