// The one place that decides who may do what (DESIGN.md): every permission and every role's list,
// read side by side. Over 300 lines by nature; split by role or by kind it would hide what a role
// may do across kinds, which is what a reviewer reads it for.
import { ROLES, type Role } from "@/db/schema/users";

export { ROLES, type Role };

/** The scopes a patient grants a family member one by one. */
export type FamilyScope = "family:timeline" | "family:concerns" | "family:requests" | "family:messages";

/**
 * How an actor stands to one patient. Computed from the database by getPatientAccess. The
 * "family:" ones are the scopes a patient grants one by one: timeline, concerns, requests, messages.
 */
export type Relationship = "caseload" | "emergency" | "self" | FamilyScope;

/** Staff permissions on one patient's record, `action:entity`: what the staff pages ask. */
export type StaffPermission =
  | "read:patient"
  | "read:carePlan"
  | "write:carePlan"
  | "read:appointment"
  | "write:appointment"
  | "read:concern"
  | "read:concern:confidential"
  | "write:concern"
  | "raise:concern"
  | "read:rightsRequest"
  | "write:rightsRequest"
  | "file:rightsRequest"
  | "read:advocacyLog"
  | "write:advocacyLog"
  | "read:preferences"
  | "write:preferences"
  | "read:teamNotes"
  | "write:teamNotes"
  | "read:disclosures"
  | "write:disclosures"
  | "read:update"
  | "write:update"
  /** Social-needs screening (issue 18): its answers, and filling it in with the patient. */
  | "read:screening"
  | "write:screening"
  /** Needs on the record, noted by staff or found by a screening, and their moves. */
  | "read:needs"
  | "write:needs"
  /** Referrals of a need to a service in the directory, followed until the loop closes. */
  | "read:referral"
  | "write:referral"
  /** The health care agent and alternates, advance directives (with their files), code-status wishes. */
  | "read:directives"
  | "write:directives"
  /** Treatment decision records, and resolving one the patient or advocate flagged. */
  | "read:decision"
  | "write:decision"
  | "resolve:decision"
  /** "The patient's voice is not reflected": the advocate's flag on a decision record. */
  | "flag:decision";

/**
 * Portal permissions, `action:entity:portal`: what the patient and the family they authorised may
 * see of the record through `/me`, one per kind of item. No staff page asks for any of them, and no
 * portal role holds a staff permission, so a staff page cannot open to a patient by accident.
 */
export type PortalPermission =
  | "open:record:portal"
  | "read:profile:portal"
  | "read:appointment:portal"
  | "read:update:portal"
  | "read:sharedMessages:portal"
  | "write:message:portal"
  | "read:resourcesGiven:portal"
  | "read:carePlan:portal"
  | "read:preferences:portal"
  | "write:preferences:portal"
  | "read:concern:portal"
  | "raise:concern:portal"
  | "read:rightsRequest:portal"
  /** 164.522(b): the request, its alternate contact and anything derived from it. Never family. */
  | "read:confidentialCommunication:portal"
  | "file:rightsRequest:portal"
  | "request:appointmentChange:portal"
  | "read:recordAccessLog:portal"
  | "export:record:portal"
  | "manage:family:portal"
  /** Her social-needs screening: filling it in, her answers. The safety questions make it self only. */
  | "read:screening:portal"
  | "write:screening:portal"
  /** Her needs and referrals, and saying "I got help" or "this did not work". */
  | "read:referral:portal"
  | "answer:referral:portal"
  /** Her agent, advance directives and code-status wishes. */
  | "read:directives:portal"
  /** Her decision records, and saying whether one says what she decided. */
  | "read:decision:portal"
  | "confirm:decision:portal";

export type PatientPermission = StaffPermission | PortalPermission;

/** Permissions that are not about one patient. Admin powers are listed one by one, never by wildcard. */
export type GlobalPermission =
  | "list:caseload"
  | "read:teamInbox"
  /** "My work": what waits on this staff member across their caseload, each kind by its own power. */
  | "read:myWork"
  | "read:schedule"
  | "handle:appointmentChangeRequests"
  | "request:emergencyAccess"
  | "review:emergencyAccess"
  /** Find any patient by name or MRN: name, MRN, date of birth and the caseload flag, never the record. */
  | "search:patients"
  | "manage:users"
  | "read:audit"
  | "work:concerns"
  | "work:rightsRequests"
  | "work:advocacyFollowUps"
  /** Decision records the patient or advocate flagged, on "My work" until resolved (coordinators). */
  | "work:flaggedDecisions"
  | "read:resources"
  | "manage:resources"
  | "read:reports"
  | "use:calendarFeed:caseload"
  /** The portal itself: a patient's own record. */
  | "open:ownRecord:portal"
  /** The portal itself: the records patients shared with a family member. */
  | "open:sharedRecords:portal"
  | "use:calendarFeed:portal"
  /** One's own notifications: the bell, the list, marking them read (everyone signed in). */
  | "read:ownNotifications"
  /** One's own choices of what reaches them outside the portal (the patient's side). */
  | "manage:ownNotificationSettings"
  /** One's own email choices for staff notices (the digest, overdue alerts) and their language. */
  | "manage:ownNotificationSettings:staff"
  /** Admin: what left the system (or, in the demo, would have), and retrying a dead letter. */
  | "read:outbox"
  | "retry:notification"
  /** One's own second factors: an authenticator app, passkeys, recovery codes (everyone signed in). */
  | "manage:ownSecurity"
  /** Where one manages them: staff on /account/security, patients and family in the portal. */
  | "manage:ownSecurity:staff"
  | "manage:ownSecurity:portal"
  /** Whom the organisation's "second factor required for staff" applies to. */
  | "bound:secondFactorRequirement"
  /** Signing in through the organisation's identity provider: staff only. */
  | "use:singleSignOn"
  /** Admin: the organisation's sign-in rules. */
  | "manage:securitySettings"
  /** Admin: clear a person's second factors when they lost them (with the admin's own step-up). */
  | "reset:secondFactor"
  /** The directory of services referrals go to: reading it, and keeping it (advocates). */
  | "read:services"
  | "manage:services";

const STAFF: readonly Relationship[] = ["caseload", "emergency"];
const SELF: readonly Relationship[] = ["self"];
const TIMELINE: readonly Relationship[] = ["self", "family:timeline"];
const ANY_FAMILY_SCOPE: readonly Relationship[] = [
  "family:timeline",
  "family:concerns",
  "family:requests",
  "family:messages",
];

// Staff maps are typed to staff permissions and portal maps to portal ones: a portal role cannot be
// given a staff permission without the type checker saying so.
const COORDINATOR: Partial<Record<StaffPermission, readonly Relationship[]>> = {
  "read:patient": STAFF,
  "read:carePlan": STAFF,
  "write:carePlan": STAFF,
  "read:appointment": STAFF,
  "write:appointment": STAFF,
  "read:concern": STAFF,
  "read:rightsRequest": STAFF,
  "read:advocacyLog": STAFF,
  "read:preferences": STAFF,
  "read:teamNotes": STAFF,
  "write:teamNotes": STAFF,
  "read:update": STAFF,
  "write:update": STAFF,
  "read:disclosures": STAFF,
  "write:disclosures": STAFF,
  "read:screening": STAFF,
  "write:screening": STAFF,
  "read:needs": STAFF,
  "write:needs": STAFF,
  "read:referral": STAFF,
  "read:directives": STAFF,
  "write:directives": STAFF,
  "read:decision": STAFF,
  "write:decision": STAFF,
  "resolve:decision": STAFF,
};

const ADVOCATE: Partial<Record<StaffPermission, readonly Relationship[]>> = {
  "read:patient": STAFF,
  "read:carePlan": STAFF,
  "read:appointment": STAFF,
  "read:concern": STAFF,
  "read:concern:confidential": STAFF,
  "write:concern": STAFF,
  "raise:concern": STAFF,
  "read:rightsRequest": STAFF,
  "write:rightsRequest": STAFF,
  "file:rightsRequest": STAFF,
  "read:advocacyLog": STAFF,
  "write:advocacyLog": STAFF,
  "read:preferences": STAFF,
  "write:preferences": STAFF,
  "read:teamNotes": STAFF,
  "write:teamNotes": STAFF,
  "read:update": STAFF,
  "read:disclosures": STAFF,
  "write:disclosures": STAFF,
  "read:screening": STAFF,
  "write:screening": STAFF,
  "read:needs": STAFF,
  "write:needs": STAFF,
  "read:referral": STAFF,
  "write:referral": STAFF,
  "read:directives": STAFF,
  "write:directives": STAFF,
  "read:decision": STAFF,
  "write:decision": STAFF,
  // Not resolve:decision: a flag she or the advocate raised waits for the coordinator who owns the
  // plan, so the advocate cannot resolve her own flag or the patient's "no" (issue 18).
  "flag:decision": STAFF,
};

const PATIENT: Partial<Record<PortalPermission, readonly Relationship[]>> = {
  "open:record:portal": SELF,
  "read:profile:portal": SELF,
  "read:appointment:portal": SELF,
  "read:update:portal": SELF,
  "read:sharedMessages:portal": SELF,
  "write:message:portal": SELF,
  "read:resourcesGiven:portal": SELF,
  "read:carePlan:portal": SELF,
  "read:preferences:portal": SELF,
  "write:preferences:portal": SELF,
  "read:concern:portal": SELF,
  "raise:concern:portal": SELF,
  "read:rightsRequest:portal": SELF,
  "read:confidentialCommunication:portal": SELF,
  "file:rightsRequest:portal": SELF,
  "request:appointmentChange:portal": SELF,
  "read:recordAccessLog:portal": SELF,
  "export:record:portal": SELF,
  "manage:family:portal": SELF,
  "read:screening:portal": SELF,
  "write:screening:portal": SELF,
  "read:referral:portal": SELF,
  "answer:referral:portal": SELF,
  "read:directives:portal": SELF,
  "read:decision:portal": SELF,
  "confirm:decision:portal": SELF,
};

/** Family see what the patient shared, scope by scope; never a confidential-communications request. */
const FAMILY: Partial<Record<PortalPermission, readonly Relationship[]>> = {
  "open:record:portal": ANY_FAMILY_SCOPE,
  "read:appointment:portal": TIMELINE,
  "read:update:portal": TIMELINE,
  "read:sharedMessages:portal": ["family:messages"],
  "write:message:portal": ["family:messages"],
  "read:resourcesGiven:portal": TIMELINE,
  "read:carePlan:portal": TIMELINE,
  "read:preferences:portal": TIMELINE,
  "read:concern:portal": ["family:concerns"],
  "raise:concern:portal": ["family:concerns"],
  "read:rightsRequest:portal": ["family:requests"],
};

/** DESIGN.md's "who may do what" table, as data. A missing entry means no. */
export const PATIENT_POLICY: Record<Role, Partial<Record<PatientPermission, readonly Relationship[]>>> = {
  admin: {},
  coordinator: COORDINATOR,
  advocate: ADVOCATE,
  patient: PATIENT,
  family: FAMILY,
};

export const GLOBAL_POLICY: Record<Role, readonly GlobalPermission[]> = {
  admin: [
    "manage:users",
    "read:audit",
    "review:emergencyAccess",
    "search:patients",
    "read:ownNotifications",
    "manage:ownNotificationSettings:staff",
    "read:outbox",
    "retry:notification",
    "manage:ownSecurity",
    "manage:ownSecurity:staff",
    "bound:secondFactorRequirement",
    "use:singleSignOn",
    "manage:securitySettings",
    "reset:secondFactor",
  ],
  coordinator: [
    "list:caseload",
    "read:teamInbox",
    "read:myWork",
    "read:schedule",
    "handle:appointmentChangeRequests",
    "work:flaggedDecisions",
    "request:emergencyAccess",
    "search:patients",
    "read:resources",
    "read:services",
    "use:calendarFeed:caseload",
    "read:ownNotifications",
    "manage:ownNotificationSettings:staff",
    "manage:ownSecurity",
    "manage:ownSecurity:staff",
    "bound:secondFactorRequirement",
    "use:singleSignOn",
  ],
  advocate: [
    "list:caseload",
    "read:teamInbox",
    "read:myWork",
    "read:schedule",
    "request:emergencyAccess",
    "search:patients",
    "use:calendarFeed:caseload",
    "work:concerns",
    "work:rightsRequests",
    "work:advocacyFollowUps",
    "read:resources",
    "manage:resources",
    "read:services",
    "manage:services",
    "read:reports",
    "read:ownNotifications",
    "manage:ownNotificationSettings:staff",
    "manage:ownSecurity",
    "manage:ownSecurity:staff",
    "bound:secondFactorRequirement",
    "use:singleSignOn",
  ],
  patient: [
    "open:ownRecord:portal",
    "use:calendarFeed:portal",
    "read:ownNotifications",
    "manage:ownNotificationSettings",
    "manage:ownSecurity",
    "manage:ownSecurity:portal",
  ],
  family: [
    "open:sharedRecords:portal",
    "read:ownNotifications",
    "manage:ownNotificationSettings",
    "manage:ownSecurity",
    "manage:ownSecurity:portal",
  ],
};

export const STAFF_ROLES = ["coordinator", "advocate"] as const satisfies readonly Role[];

/** Staff roles work on caseloads; their relationship to a patient is read from assignments and grants. */
export function isStaff(role: Role): role is (typeof STAFF_ROLES)[number] {
  return role === "coordinator" || role === "advocate";
}

/** Does this role see the bilingual portal shell (patients and family) rather than the staff one? */
export function usesPortal(role: Role): boolean {
  return allowsGlobal(role, "open:ownRecord:portal") || allowsGlobal(role, "open:sharedRecords:portal");
}

/** May a role do this to a patient it stands to in these ways? Pure: no I/O. */
export function allows(
  role: Role,
  permission: PatientPermission,
  relationships: readonly Relationship[],
): boolean {
  const allowed = PATIENT_POLICY[role][permission];
  return allowed !== undefined && relationships.some((r) => allowed.includes(r));
}

/** May a role use this power at all? */
export function allowsGlobal(role: Role, permission: GlobalPermission): boolean {
  return GLOBAL_POLICY[role].includes(permission);
}

/**
 * Powers that ask for the second factor again when it was last proven over STEP_UP_SECONDS ago
 * (ADR 013): every admin change, and breaking the glass. Reading needs no step-up.
 */
const STEP_UP: readonly GlobalPermission[] = [
  "manage:users",
  "review:emergencyAccess",
  "retry:notification",
  "manage:securitySettings",
  "reset:secondFactor",
  "request:emergencyAccess",
];

export function needsStepUp(permission: GlobalPermission): boolean {
  return STEP_UP.includes(permission);
}
