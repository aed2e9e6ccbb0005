import "server-only";
import type { Consent, DocumentReference, Reference, RelatedPerson } from "fhir/r4";
import type { SocialRow } from "./load-social";
import { derivedUuid, referenceTo } from "./references";
import { ADVANCE_DIRECTIVES, HEALTHCARE_POWER_OF_ATTORNEY } from "./sdoh-codes";

type Directive = SocialRow<"directives">;
type Agent = SocialRow<"agents">;

const KIND: Record<Directive["kind"], string> = {
  "health-care-proxy": "Health care proxy",
  "living-will": "Living will",
  polst: "POLST (portable medical orders)",
  "dnr-order": "Do-not-resuscitate order",
  "psychiatric-advance-directive": "Psychiatric advance directive",
  other: "Advance directive",
};

const ORDINAL = ["first", "second", "third", "fourth", "fifth"];

/**
 * Her health care agent (a healthcare power of attorney, v3 RoleCode HPOWATT) and the alternates
 * in order, with the relationship in her words. Only those in force: one replaced is archived and
 * left out.
 */
export function toRelatedPerson(a: Agent, patient: Reference): RelatedPerson & { id: string } {
  const role =
    a.rank === "agent"
      ? { coding: [HEALTHCARE_POWER_OF_ATTORNEY], text: "Health care agent" }
      : { text: `Alternate health care agent (${ORDINAL[a.position - 1] ?? `number ${a.position}`})` };
  return {
    resourceType: "RelatedPerson",
    id: a.id,
    active: true,
    patient,
    relationship: [role, { text: a.relationship }],
    name: [{ text: a.name }],
    telecom: [
      ...(a.phone ? [{ system: "phone" as const, value: a.phone }] : []),
      ...(a.email ? [{ system: "email" as const, value: a.email }] : []),
    ],
    address: a.address ? [{ text: a.address }] : undefined,
  };
}

/** The Consent that stands for a directive: its own id, derived from the document's. */
export function directiveConsentId(directiveId: string): string {
  return derivedUuid(`advance-directive-consent:${directiveId}`);
}

/**
 * The directive's document. The scan rides inside the export, base64 (a PDF of up to 10 MiB
 * becomes about 13.3 MiB of text), so the file is whole without the portal; without a scan the
 * entry still says what the document is and where the original is kept.
 */
function toDocumentReference(d: Directive, subject: Reference): DocumentReference & { id: string } {
  const kind = KIND[d.kind];
  return {
    resourceType: "DocumentReference",
    id: d.id,
    status: "current",
    docStatus: "final",
    type: { coding: [ADVANCE_DIRECTIVES], text: kind },
    subject,
    date: d.recordedAt.toISOString(),
    description: `${kind}. The original is kept at: ${d.originalLocation}`,
    content: [
      {
        attachment: d.content
          ? {
              contentType: "application/pdf",
              data: d.content.toString("base64"),
              size: d.sizeBytes ?? d.content.length,
              title: d.fileName ?? undefined,
              creation: d.signedOn,
            }
          : { title: `${kind} (no scan on file)`, creation: d.signedOn },
      },
    ],
  };
}

/**
 * Each advance directive in force as an active advance-directive Consent (scope adr) resting on
 * its DocumentReference; a health care proxy names the agent it appoints when one is on record.
 */
export function toDirectiveResources(
  directives: Directive[],
  agents: Agent[],
  subject: Reference,
): ((Consent | DocumentReference) & { id: string })[] {
  const agent = agents.find((a) => a.rank === "agent");
  return directives.flatMap((d) => {
    const consent: Consent & { id: string } = {
      resourceType: "Consent",
      id: directiveConsentId(d.id),
      status: "active",
      scope: {
        coding: [
          {
            system: "http://terminology.hl7.org/CodeSystem/consentscope",
            code: "adr",
            display: "Advanced Care Directive",
          },
        ],
      },
      category: [{ coding: [ADVANCE_DIRECTIVES], text: KIND[d.kind] }],
      patient: subject,
      dateTime: d.signedOn,
      performer: [subject],
      // R4 asks for a policy or a rule (ppc-1): the rule here is the document she signed.
      policyRule: { text: `${KIND[d.kind]}, as the patient signed it` },
      sourceReference: referenceTo("DocumentReference", d.id),
      provision:
        d.kind === "health-care-proxy" && agent
          ? {
              actor: [
                {
                  role: { coding: [HEALTHCARE_POWER_OF_ATTORNEY] },
                  reference: referenceTo("RelatedPerson", agent.id, agent.name),
                },
              ],
            }
          : undefined,
    };
    return [toDocumentReference(d, subject), consent];
  });
}
