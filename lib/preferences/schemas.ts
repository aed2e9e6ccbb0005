import { z } from "zod";
import type { PreferenceSnapshot } from "@/db/schema";
import type { PatientPermission } from "@/lib/authz";

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

const part = z
  .string()
  .trim()
  .max(2000, { error: "Keep this under 2,000 characters." })
  .optional()
  .transform((v) => v || null);

export const PreferencesSchema = z.object({
  whatMattersMost: part,
  myGoals: part,
  treatmentPreferences: part,
  communicationPreferences: part,
  languageNeeds: part,
  decisionSupport: part,
  whoMayBeTold: part,
  /** 0 when nothing has been recorded yet. */
  version: z.coerce.number().int().min(0),
});
export type PreferencesInput = z.infer<typeof PreferencesSchema>;

/** Staff pages ask the staff permissions; the portal (the patient, family with the timeline) its own. */
export type PreferencesAudience = "staff" | "portal";
export const PREFERENCE_PERMISSIONS = {
  staff: { read: "read:preferences", write: "write:preferences" },
  portal: { read: "read:preferences:portal", write: "write:preferences:portal" },
} as const satisfies Record<PreferencesAudience, { read: PatientPermission; write: PatientPermission }>;
