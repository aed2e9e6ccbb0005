import { type PatientPreferences, PREFERENCE_FIELDS } from "@/lib/preferences";

/** The patient's own voice, shown beside the plan to whoever edits it. */
export function PatientPreferencesPanel({
  givenName,
  preferences,
}: {
  givenName: string;
  preferences: PatientPreferences | null;
}) {
  const parts = preferences ? PREFERENCE_FIELDS.filter(([key]) => preferences[key]) : [];
  return (
    <section
      aria-labelledby="preferences-heading"
      className="rounded-lg border-l-4 border-brand-600 bg-white p-5 shadow-sm"
    >
      <h2 id="preferences-heading" className="text-lg">
        What matters to {givenName}
      </h2>
      {parts.length === 0 ? (
        <p className="mt-2">
          Nothing recorded yet. The patient&apos;s advocate records what matters to them, in their own words.
        </p>
      ) : (
        <dl className="mt-2 space-y-2">
          {parts.map(([key, label]) => (
            <div key={key}>
              <dt className="text-sm font-semibold text-slate-700">{label}</dt>
              <dd className="whitespace-pre-wrap">{String(preferences![key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
