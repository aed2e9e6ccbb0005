import "server-only";
import type { CodeableConcept, Condition, Observation, Questionnaire, Reference } from "fhir/r4";
import type { SocialRow } from "./load-social";
import { derivedUuid, referenceTo } from "./references";
import {
  AHC_HRSN_PANEL,
  domainLabel,
  finding,
  HEALTH_CONCERN,
  LOINC,
  SDOH,
  SOCIAL_HISTORY,
  sdohCategories,
} from "./sdoh-codes";

type Result = SocialRow<"results">;
type Finding = Observation & { id: string };

/** Is this instrument the AHC HRSN core panel, whose domains LOINC codes as the CMS guide scores them? */
export function isAhcHrsn(instrument: SocialRow<"instruments"> | undefined): boolean {
  const codes = (instrument?.resource as Questionnaire | undefined)?.code ?? [];
  return codes.some((c) => c.system === LOINC && c.code === AHC_HRSN_PANEL);
}

/**
 * What a domain's result is called and holds. On the AHC HRSN the food rule is the Hunger Vital
 * Sign (LOINC 88124-3, "At risk"/"No risk") and the safety score the HITS total (LOINC 95614-4);
 * any other domain, or another instrument, is named in words and valued positive or negative.
 */
function codeAndValue(
  r: Result,
  ahc: boolean,
): Pick<Observation, "code" | "valueCodeableConcept" | "valueInteger" | "component"> {
  const text = `${domainLabel(r.domain)} screening result`;
  if (ahc && r.domain === "food") {
    const [code, display] = r.positive ? ["LA19952-3", "At risk"] : ["LA19983-8", "No risk"];
    return {
      code: { coding: [{ system: LOINC, code: "88124-3", display: "Food insecurity risk [HVS]" }], text },
      valueCodeableConcept: { coding: [{ system: LOINC, code, display }], text: display },
    };
  }
  if (ahc && r.domain === "safety" && r.score !== null) {
    const code: CodeableConcept = {
      coding: [{ system: LOINC, code: "95614-4", display: "Total score [HITS]" }],
      text,
    };
    return { code, valueInteger: r.score };
  }
  return {
    code: { text },
    valueCodeableConcept: finding(r.positive).value,
    component: r.score === null ? undefined : [{ code: { text: "Score" }, valueInteger: r.score }],
  };
}

/**
 * Each domain a completed screening scored, as a US Core SDOH Observation derived from the
 * response, and one panel Observation per screening grouping them under the instrument's code.
 */
export function toScreeningObservations(
  results: Result[],
  context: {
    responses: SocialRow<"responses">[];
    instruments: SocialRow<"instruments">[];
    subject: Reference;
  },
): Finding[] {
  const out: Finding[] = [];
  for (const response of context.responses) {
    const mine = results.filter((r) => r.responseId === response.id);
    if (!mine.length) continue;
    const instrument = context.instruments.find((q) => q.id === response.questionnaireId);
    const ahc = isAhcHrsn(instrument);
    const common = {
      resourceType: "Observation" as const,
      status: "final" as const,
      subject: context.subject,
      effectiveDateTime: (response.completedAt ?? response.updatedAt).toISOString(),
      derivedFrom: [referenceTo("QuestionnaireResponse", response.id)],
    };
    const members = mine.map(
      (r): Finding => ({
        ...common,
        id: r.id,
        category: [{ coding: [SOCIAL_HISTORY] }, ...sdohCategories(r.domain)],
        ...codeAndValue(r, ahc),
        interpretation: [finding(r.positive).interpretation],
        issued: r.createdAt.toISOString(),
      }),
    );
    const questionnaire = instrument?.resource as Questionnaire | undefined;
    out.push(
      {
        ...common,
        id: derivedUuid(`screening-panel:${response.id}`),
        category: [{ coding: [SOCIAL_HISTORY] }, { coding: [SDOH] }],
        code: { coding: questionnaire?.code, text: instrument?.title ?? "Social needs screening" },
        hasMember: members.map((m) => referenceTo("Observation", m.id)),
      },
      ...members,
    );
  }
  return out;
}

const CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

/**
 * A social need on her record as a US Core health concern: active while open, referred or
 * declined (declining help does not make the need go away), resolved once met; its evidence is
 * the screening result that found it, when a screening did.
 */
export function toNeedCondition(
  n: SocialRow<"needRows">,
  subject: Reference,
  results: Result[],
): Condition & { id: string } {
  const evidence = results.find((r) => r.responseId === n.responseId && r.domain === n.domain);
  const met = n.status === "met";
  return {
    resourceType: "Condition",
    id: n.id,
    clinicalStatus: { coding: [{ system: CLINICAL, code: met ? "resolved" : "active" }] },
    category: [{ coding: [HEALTH_CONCERN] }, ...sdohCategories(n.domain)],
    code: { text: domainLabel(n.domain) },
    subject,
    recordedDate: n.identifiedAt.toISOString(),
    abatementDateTime: met && n.metAt ? n.metAt.toISOString() : undefined,
    evidence: evidence ? [{ detail: [referenceTo("Observation", evidence.id)] }] : undefined,
    note:
      n.status === "declined" ? [{ text: "The patient declined help with this need for now." }] : undefined,
  };
}
