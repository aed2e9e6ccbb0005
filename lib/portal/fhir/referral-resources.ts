import "server-only";
import type { Annotation, ContactPoint, Organization, Reference, ServiceRequest } from "fhir/r4";
import type { SocialRow } from "./load-social";
import type { PractitionerDirectory } from "./practitioner";
import { referenceTo } from "./references";
import { domainLabel, SDOH, sdohCategories } from "./sdoh-codes";

type Referral = SocialRow<"referralRows">;
type Service = Referral["service"];

const REFERRAL_STATUS: Record<Referral["status"], ServiceRequest["status"]> = {
  sent: "active",
  accepted: "active",
  completed: "completed",
  declined: "revoked",
  "no-answer": "revoked",
};

const FEEDBACK: Record<NonNullable<Referral["patientFeedback"]>, string> = {
  "got-help": "The patient's word: I got help.",
  "did-not-work": "The patient's word: it did not work out.",
};

/** A service from the directory, as the Organization a referral was sent to. */
function toOrganization(s: Service): Organization & { id: string } {
  const telecom: ContactPoint[] = [
    ...(s.phone ? [{ system: "phone" as const, value: s.phone }] : []),
    ...(s.email ? [{ system: "email" as const, value: s.email }] : []),
    ...(s.website ? [{ system: "url" as const, value: s.website }] : []),
  ];
  return {
    resourceType: "Organization",
    id: s.id,
    active: s.active,
    type: [{ text: s.kind === "clinical" ? "Clinical service" : "Community organization" }],
    name: s.name,
    telecom,
    address: s.address ? [{ text: s.address }] : undefined,
  };
}

/** How the referral ended and her word on it, dated. */
function notes(r: Referral): Annotation[] | undefined {
  const out: Annotation[] = [
    ...(r.outcome ? [{ time: r.endedAt?.toISOString(), text: r.outcome }] : []),
    ...(r.patientFeedback
      ? [{ time: r.patientFeedbackAt?.toISOString(), text: FEEDBACK[r.patientFeedback] }]
      : []),
  ];
  return out.length ? out : undefined;
}

/**
 * Each referral as a ServiceRequest for social care, performed by the service (one Organization
 * however many referrals name it) for the need's Condition; who sent it is a Practitioner. The
 * advocate's own note to the service stays with the team.
 */
export function toReferralResources(
  rows: Referral[],
  context: { subject: Reference; people: PractitionerDirectory; needs: SocialRow<"needRows">[] },
): ((ServiceRequest | Organization) & { id: string })[] {
  const organizations = new Map(rows.map((r) => [r.service.id, toOrganization(r.service)]));
  const requests = rows.map((r): ServiceRequest & { id: string } => {
    const domain = context.needs.find((n) => n.id === r.needId)?.domain;
    return {
      resourceType: "ServiceRequest",
      id: r.id,
      status: REFERRAL_STATUS[r.status],
      intent: "order",
      category: [{ coding: [SDOH], text: "Social care" }, ...(domain ? sdohCategories(domain).slice(1) : [])],
      code: { text: domain ? `Help with ${domainLabel(domain).toLowerCase()}` : "Social care referral" },
      subject: context.subject,
      authoredOn: r.sentAt.toISOString(),
      // From when the service took her on until it ended, or until when it should have helped.
      occurrencePeriod: r.acceptedAt
        ? { start: r.acceptedAt.toISOString(), end: r.endedAt?.toISOString() ?? r.completeDueOn ?? undefined }
        : undefined,
      requester: context.people.staff(r.sentBy),
      performer: [referenceTo("Organization", r.service.id, r.service.name)],
      reasonReference: [referenceTo("Condition", r.needId)],
      note: notes(r),
    };
  });
  return [...organizations.values(), ...requests];
}
