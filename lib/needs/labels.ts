import { NEED_DOMAINS, type NeedDomain, type NeedMetReason, type NeedStatus } from "@/db/schema/screening";

export { NEED_DOMAINS };

// The staff's words for needs, in one place: the directory, the needs page and "My work" use them.
// The patient's words (English and Spanish) are in lib/i18n/referrals.ts.

export const NEED_DOMAIN_LABELS: Record<NeedDomain, string> = {
  "housing-instability": "Housing instability",
  "housing-quality": "Housing quality",
  food: "Food",
  transportation: "Transportation",
  utilities: "Utilities",
  safety: "Safety",
  "financial-strain": "Financial strain",
  employment: "Employment",
  "family-community-support": "Family and community support",
  education: "Education",
  "physical-activity": "Physical activity",
  "substance-use": "Substance use",
  "mental-health": "Mental health",
  disabilities: "Disabilities",
};

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: "Open",
  referred: "Referred",
  met: "Met",
  declined: "Declined by the patient",
};

export const NEED_MET_REASON_LABELS: Record<NeedMetReason, string> = {
  "referral-completed": "a referral was completed",
  "patient-said": "the patient said they got help",
};
