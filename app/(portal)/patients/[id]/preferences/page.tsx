import type { Metadata } from "next";
import { readRecordPage } from "@/app/_lib/guards";
import { ActionForm } from "@/components/action-form";
import { PatientPreferencesPanel } from "@/components/care-plan/patient-preferences-panel";
import { PatientHeading } from "@/components/patient-nav";
import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { TwoColumns } from "@/components/ui/two-columns";
import { getPreferencesPage, PREFERENCE_FIELDS } from "@/lib/preferences";
import { formatDateTime } from "@/lib/time";
import { savePreferencesAction } from "./actions";

export const metadata: Metadata = { title: "What matters" };

const HINTS: Record<string, string> = {
  whatMattersMost: "In the patient's own words, e.g. 'Being home for my grandchildren on Sundays.'",
  communicationPreferences: "Channel (phone, text, letter, portal), good times to call.",
  languageNeeds: "Preferred language; whether an interpreter is needed, in person or by phone.",
  whoMayBeTold: "Who may be told what, and who must not.",
};

export default async function PreferencesPage({ params }: { params: Promise<{ id: string }> }) {
  const data = await readRecordPage((await params).id, (actor, patientId) =>
    getPreferencesPage(actor, patientId, "staff"),
  );
  const p = data.preferences;
  return (
    <>
      <PatientHeading patient={data.patient} current="preferences" />
      <TwoColumns>
        <div className="space-y-6">
          {data.canWrite ? (
            <CardSection id="edit-heading" title={`What matters to ${data.patient.givenName}`}>
              <ActionForm
                action={savePreferencesAction.bind(null, data.patient.id)}
                hidden={{ version: String(data.version) }}
                submitLabel="Save"
                fields={PREFERENCE_FIELDS.map(([key, label]) => ({
                  kind: "textarea" as const,
                  name: key,
                  label,
                  hint: HINTS[key],
                  maxLength: 2000,
                  defaultValue: p?.[key] ?? undefined,
                }))}
              />
            </CardSection>
          ) : (
            <PatientPreferencesPanel givenName={data.patient.givenName} preferences={p} />
          )}
        </div>
        <CardSection
          id="changes-heading"
          title="Who changed what"
          headingClassName="mb-3"
          className="self-start"
        >
          {data.history.length === 0 ? (
            <EmptyState framed={false}>Nothing recorded yet.</EmptyState>
          ) : (
            <ol className="space-y-3">
              {data.history.map((v) => (
                <li key={v.version}>
                  <p className="font-medium">
                    {v.changedBy} · {formatDateTime(v.changedAt)}
                  </p>
                  <ul className="list-disc pl-5 text-sm">
                    {v.changes.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </CardSection>
      </TwoColumns>
    </>
  );
}
