import type { RIGHTS_DECISIONS, RightsRequestType } from "@/db/schema/rights-requests";

// The staff's words for each kind of rights request, each decision, and the grounds the law
// allows for refusing each kind (45 CFR 164.524, 164.526, 164.528, 164.522).

export const RIGHTS_TYPE_LABELS: Record<RightsRequestType, string> = {
  access: "Access to or a copy of records",
  amendment: "Amendment of records",
  accounting: "Accounting of disclosures",
  restriction: "Restriction of uses or disclosures",
  "confidential-communication": "Confidential communications",
};
export const RIGHTS_DECISION_LABELS: Record<(typeof RIGHTS_DECISIONS)[number], string> = {
  granted: "Granted",
  "partly-granted": "Partly granted",
  denied: "Denied",
};

/** The grounds the rule allows for refusing each kind of request, to choose from. */
export const DENIAL_REASONS: Record<RightsRequestType, Record<string, string>> = {
  access: {
    "psychotherapy-notes": "Psychotherapy notes (164.524(a)(1)(i))",
    "legal-proceedings": "Compiled for a legal proceeding (164.524(a)(1)(ii))",
    "endangers-safety":
      "A licensed professional judged access likely to endanger life or safety (164.524(a)(3))",
    "not-held": "We do not hold the records; the patient was told who does (164.524(d)(3))",
  },
  amendment: {
    "accurate-complete": "The record is accurate and complete (164.526(a)(2)(iv))",
    "not-created-here": "We did not create the record (164.526(a)(2)(i))",
    "not-designated-set": "Not part of the designated record set (164.526(a)(2)(ii))",
    "not-available": "Not available for inspection under 164.524 (164.526(a)(2)(iii))",
  },
  accounting: {
    "exempt-disclosures": "Only disclosures exempt from accounting (164.528(a)(1))",
    suspended: "Accounting suspended at a health oversight agency's request (164.528(a)(2))",
  },
  restriction: {
    "not-required": "We are not required to agree to this restriction (164.522(a)(1)(ii))",
    "emergency-treatment": "Needed for emergency treatment (164.522(a)(1)(iii))",
  },
  "confidential-communication": {
    "not-reasonable": "The way asked for is not reasonably possible; an alternative was offered",
  },
};
