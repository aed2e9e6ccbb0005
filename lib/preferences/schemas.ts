import { z } from "zod";
import type { PreferenceSnapshot } from "@/db/schema";
import type { PatientPermission } from "@/lib/authz";
import { optionalText, type TooLong } from "@/lib/validation";

/** The parts of the record, in the order people read them, with their labels. */
export const PREFERENCE_FIELDS = [
  ["whatMattersMost", "What matters most"],
  ["myGoals", "Goals in their own words"],
  ["treatmentPreferences", "Treatment preferences"],
  ["communicationPreferences", "How and when to communicate"],
  ["languageNeeds", "Language and interpreter"],
  ["decisionSupport", "Making decisions"],
  ["whoMayBeTold", "Who may be told what"],
] as const satisfies readonly (readonly [keyof PreferenceSnapshot, string])[];

/** Each part of the record is free text up to this many characters. */
const PREFERENCE_MAX = 2000;

/**
 * The preferences form, for staff (English) and the portal (its words passed in): each part
 * optional, blank saved as nothing, and the version the editor saw (0 when nothing is recorded).
 */
export function preferencesSchema(tooLong?: TooLong) {
  const part = optionalText(PREFERENCE_MAX, tooLong);
  return z.object({
    ...(Object.fromEntries(PREFERENCE_FIELDS.map(([key]) => [key, part])) as Record<
      (typeof PREFERENCE_FIELDS)[number][0],
      typeof part
    >),
    version: z.coerce.number().int().min(0),
  });
}

export const PreferencesSchema = preferencesSchema();
export type PreferencesInput = z.infer<typeof PreferencesSchema>;

/** Staff pages ask the staff permissions; the portal (the patient, family with the timeline) its own. */
export type PreferencesAudience = "staff" | "portal";
export const PREFERENCE_PERMISSIONS = {
  staff: { read: "read:preferences", write: "write:preferences" },
  portal: { read: "read:preferences:portal", write: "write:preferences:portal" },
} as const satisfies Record<PreferencesAudience, { read: PatientPermission; write: PatientPermission }>;
