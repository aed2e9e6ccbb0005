import type { CarePlanStatus, PreferenceSnapshot, WrittenLanguage } from "@/db/schema";
import type { FlaggedDecision } from "@/lib/decisions";
import type { PatientHeader } from "@/lib/patients/header";
import type { LanguageNeed } from "@/lib/patients/language";
import type { PlanContent } from "./content";

// What the care-plan page is given: the patient's plans, the chosen one, its history and what
// the forms need. Read in reads.ts.

/** One of the patient's plans in the page's list of them. */
export interface CarePlanListItem {
  id: string;
  title: string;
  status: CarePlanStatus;
  reviewDate: string;
  createdAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
}

export interface PlanDetail extends CarePlanListItem {
  version: number;
  endReason: string | null;
  updatedAt: Date;
  updatedByName: string;
  templateName: string | null;
  /** The language the goals' and steps' plain words are written in: what the portal shows the patient. */
  plainWordsLanguage: WrittenLanguage;
  content: PlanContent;
}

export interface PlanVersionEntry {
  version: number;
  changedAt: Date;
  changedBy: string;
  changes: string[];
}

export interface CarePlanPage {
  patient: PatientHeader;
  /** Staff see drafts and the version history; the patient and family see what was agreed. */
  staff: boolean;
  canWrite: boolean;
  today: string;
  plans: CarePlanListItem[];
  plan: PlanDetail | null;
  /** Read only when asked for (`history`): the page shows it on request. */
  history: PlanVersionEntry[];
  /** Read only when asked for (`owners`): the intervention forms, shown one at a time on request. */
  owners: { value: string; label: string }[];
  templates: { id: string; name: string }[];
  preferences: PreferenceSnapshot | null;
  canReadPreferences: boolean;
  /** For whoever may write the plan: the patient's language and interpreter need, above the plain words. */
  languageNeed: LanguageNeed | null;
  /** For the print view: whom the patient and family can call about the plan. */
  contacts: { name: string; email: string; kind: "coordinator" | "advocate" }[];
  /** Decision records flagged and not resolved, shown above the plan; null where not read (the print view). */
  flagged: FlaggedDecision[] | null;
}
