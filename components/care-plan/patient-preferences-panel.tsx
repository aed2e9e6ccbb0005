import { CardSection } from "@/components/ui/card-section";
import { EmptyState } from "@/components/ui/empty-state";
import { Facts } from "@/components/ui/facts";
import { type PatientPreferences, PREFERENCE_FIELDS } from "@/lib/preferences";

/** The patient's own voice, shown beside the plan to whoever edits it. */
export function PatientPreferencesPanel({
  givenName,
  preferences,
}: {
  givenName: string;
  /** The parts it shows; when they were saved is not among them. */
  preferences: Omit<PatientPreferences, "updatedAt"> | null;
}) {
  const parts = preferences ? PREFERENCE_FIELDS.filter(([key]) => preferences[key]) : [];
  return (
    <CardSection
      id="preferences-heading"
      title={`What matters to ${givenName}`}
      headingClassName="text-lg"
      padding={5}
      className="border-l-4 border-brand-600"
    >
      {parts.length === 0 ? (
        <EmptyState
          framed={false}
          className="mt-2"
          next="The patient's advocate records what matters to them, in their own words."
        >
          Nothing recorded yet.
        </EmptyState>
      ) : (
        <Facts
          layout="groups"
          className="mt-2"
          items={parts.map(([key, label]) => ({ label, value: String(preferences![key]) }))}
        />
      )}
    </CardSection>
  );
}
