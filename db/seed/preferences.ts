/**
 * What matters to the first 45 patients, in their own words (three voices, in turn), with the
 * version-1 snapshot the preferences' history starts from.
 */
import type { Transaction } from "../client";
import { patientPreferences, patientPreferenceVersions } from "../schema";

const PREFERENCES = [
  {
    whatMattersMost: "Staying in my own home and cooking for my grandchildren on Sundays.",
    myGoals: "Walk to church again by spring. Not go back to the hospital.",
    treatmentPreferences:
      "Prefers tablets over injections where there is a choice. Wants to avoid nursing homes.",
    communicationPreferences:
      "Phone calls in the morning, in Spanish. Her daughter Lucia joins important calls.",
    languageNeeds: "Spanish; in-person interpreter for clinic visits.",
    decisionSupport: "Decides together with her daughter Lucia.",
    whoMayBeTold: "Her daughter Lucia may be told everything. No one else without asking.",
  },
  {
    whatMattersMost: "Keeping working part-time and driving myself to appointments.",
    myGoals: "Finish treatment without losing my job.",
    treatmentPreferences: "Wants all options explained with numbers before deciding.",
    communicationPreferences: "Text messages first; calls after 5 pm.",
    languageNeeds: null,
    decisionSupport: null,
    whoMayBeTold: "My wife.",
  },
  {
    whatMattersMost: "Being well enough to look after my dog and tend the garden.",
    myGoals: "Get my sugar under control so I can stop worrying about my feet.",
    treatmentPreferences: "Would rather change diet first before adding medicines.",
    communicationPreferences: "Letters by post; does not use email.",
    languageNeeds: "Large print, please.",
    decisionSupport: "Likes to talk decisions over with the pharmacist.",
    whoMayBeTold: null,
  },
];

/** What matters to the first patients, in their own words. */
export async function seedPreferences(
  tx: Transaction,
  patientsList: { id: string }[],
  advocates: { id: string }[],
) {
  const rows = patientsList.slice(0, 45).map((p, i) => ({
    patientId: p.id,
    ...PREFERENCES[i % PREFERENCES.length]!,
    updatedBy: advocates[i % advocates.length]!.id,
  }));
  await tx.insert(patientPreferences).values(rows);
  await tx.insert(patientPreferenceVersions).values(
    rows.map(({ patientId, updatedBy, ...snapshot }) => ({
      patientId,
      version: 1,
      changedBy: updatedBy,
      snapshot,
    })),
  );
}
