import { ROLES, type Role } from "@/db/schema/users";

export { ROLES, type Role };

/**
 * How an actor stands to one patient. Computed from the database by getPatientAccess;
 * "family:timeline" and "family:concerns" are the two things a patient can let family do.
 */
export type Relationship = "caseload" | "emergency" | "self" | "family:timeline" | "family:concerns";

/** Permissions on one patient's record, `action:entity`. */
export type PatientPermission =
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
  | "read:recordAccessLog"
  | "read:disclosures"
  | "read:sharedMessages"
  | "read:resourcesGiven"
  | "manage:family"
  | "request:appointmentChange"
  | "write:disclosures"
  | "read:update"
  | "write:update";

/** Permissions that are not about one patient. Admin powers are listed one by one, never by wildcard. */
export type GlobalPermission =
  | "list:caseload"
  | "request:emergencyAccess"
  | "review:emergencyAccess"
  | "manage:users"
  | "read:audit"
  | "read:ownPortal"
  | "use:calendarFeed"
  | "work:concerns"
  | "manage:resources"
  | "read:reports";

const STAFF: readonly Relationship[] = ["caseload", "emergency"];
const SELF: readonly Relationship[] = ["self"];
const FAMILY_VIEW: readonly Relationship[] = ["family:timeline"];

/** DESIGN.md's "who may do what" table, as data. A missing entry means no. */
export const PATIENT_POLICY: Record<Role, Partial<Record<PatientPermission, readonly Relationship[]>>> = {
  admin: {},
  coordinator: {
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
  },
  advocate: {
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
  },
  patient: {
    "read:patient": SELF,
    "read:carePlan": SELF,
    "read:appointment": SELF,
    "read:concern": SELF,
    "raise:concern": SELF,
    "read:rightsRequest": SELF,
    "file:rightsRequest": SELF,
    "read:preferences": SELF,
    "write:preferences": SELF,
    "read:recordAccessLog": SELF,
    "read:update": SELF,
    "read:sharedMessages": SELF,
    "read:resourcesGiven": SELF,
    "manage:family": SELF,
    "request:appointmentChange": SELF,
  },
  family: {
    "read:patient": FAMILY_VIEW,
    "read:carePlan": FAMILY_VIEW,
    "read:appointment": FAMILY_VIEW,
    "read:concern": FAMILY_VIEW,
    "raise:concern": ["family:concerns"],
    "read:rightsRequest": FAMILY_VIEW,
    "read:preferences": FAMILY_VIEW,
    "read:update": FAMILY_VIEW,
    "read:sharedMessages": FAMILY_VIEW,
    "read:resourcesGiven": FAMILY_VIEW,
  },
};

export const GLOBAL_POLICY: Record<Role, readonly GlobalPermission[]> = {
  admin: ["manage:users", "read:audit", "review:emergencyAccess"],
  coordinator: ["list:caseload", "request:emergencyAccess", "use:calendarFeed"],
  advocate: [
    "list:caseload",
    "request:emergencyAccess",
    "use:calendarFeed",
    "work:concerns",
    "manage:resources",
    "read:reports",
  ],
  patient: ["read:ownPortal", "use:calendarFeed"],
  family: ["read:ownPortal"],
};

export const STAFF_ROLES = ["coordinator", "advocate"] as const satisfies readonly Role[];

export function isStaff(role: Role): role is (typeof STAFF_ROLES)[number] {
  return role === "coordinator" || role === "advocate";
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
