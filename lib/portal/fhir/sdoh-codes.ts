import "server-only";
import type { CodeableConcept, Coding } from "fhir/r4";
import type { NeedDomain } from "@/db/schema";

/*
 * The terms the social-needs resources are coded with, as US Core and the Gravity Project's SDOH
 * Clinical Care guide use them. A code appears only where its meaning is certain; otherwise the
 * concept is text alone, which every reader accepts and none misreads.
 */

export const LOINC = "http://loinc.org";
const SNOMED = "http://snomed.info/sct";
const GRAVITY = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

export const SOCIAL_HISTORY: Coding = {
  system: "http://terminology.hl7.org/CodeSystem/observation-category",
  code: "social-history",
  display: "Social History",
};
export const SDOH: Coding = {
  system: "http://hl7.org/fhir/us/core/CodeSystem/us-core-category",
  code: "sdoh",
  display: "SDOH",
};
export const HEALTH_CONCERN: Coding = {
  system: "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
  code: "health-concern",
  display: "Health Concern",
};
export const HEALTHCARE_POWER_OF_ATTORNEY: Coding = {
  system: "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
  code: "HPOWATT",
  display: "healthcare power of attorney",
};
export const ADVANCE_DIRECTIVES: Coding = { system: LOINC, code: "42348-3", display: "Advance directives" };

/** The AHC HRSN core panel: a Questionnaire coded with it scores its domains as the CMS guide says. */
export const AHC_HRSN_PANEL = "96777-8";

/** Positive or negative, as a value (SNOMED CT) and as an interpretation (HL7 v3). */
export function finding(positive: boolean): { value: CodeableConcept; interpretation: CodeableConcept } {
  const [snomed, display, v3] = positive ? ["10828004", "Positive", "POS"] : ["260385009", "Negative", "NEG"];
  return {
    value: { coding: [{ system: SNOMED, code: snomed, display }], text: display },
    interpretation: {
      coding: [
        { system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code: v3, display },
      ],
    },
  };
}

/** Each domain's words, and its Gravity SDOH category where one means the same thing. */
const DOMAINS: Record<NeedDomain, [label: string, gravity?: string]> = {
  "housing-instability": ["Housing instability", "housing-instability"],
  "housing-quality": ["Housing quality", "inadequate-housing"],
  food: ["Food insecurity", "food-insecurity"],
  transportation: ["Transportation", "transportation-insecurity"],
  utilities: ["Utilities", "utility-insecurity"],
  // Interpersonal safety covers more than a partner or an elder: no single Gravity domain fits.
  safety: ["Interpersonal safety"],
  "financial-strain": ["Financial strain", "financial-insecurity"],
  employment: ["Employment", "employment-status"],
  "family-community-support": ["Family and community support", "social-connection"],
  education: ["Education", "educational-attainment"],
  "physical-activity": ["Physical activity"],
  "substance-use": ["Substance use"],
  "mental-health": ["Mental health"],
  disabilities: ["Disabilities"],
};

/** How the export names a social-needs domain. */
export function domainLabel(domain: NeedDomain): string {
  return DOMAINS[domain][0];
}

/** US Core's SDOH category, with the Gravity domain beside it when there is one. */
export function sdohCategories(domain: NeedDomain): CodeableConcept[] {
  const gravity = DOMAINS[domain][1];
  return [
    { coding: [SDOH] },
    ...(gravity ? [{ coding: [{ system: GRAVITY, code: gravity }], text: domainLabel(domain) }] : []),
  ];
}
