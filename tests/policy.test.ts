import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { familyAccessGrants, type Role } from "@/db/schema";
import {
  allows,
  allowsGlobal,
  can,
  getPatientAccess,
  PATIENT_POLICY,
  type PatientPermission,
} from "@/lib/authz";
import {
  actorFor,
  assignToCaseload,
  createPatient,
  createUser,
  grantEmergency,
  grantFamily,
} from "./support/factories";

/**
 * DESIGN.md's policy table, cell by cell: each role against its own patient and another patient,
 * through the real relationship query.
 */
const EXPECTED: Record<Role, { own: PatientPermission[] }> = {
  admin: { own: [] },
  coordinator: {
    own: [
      "read:patient",
      "read:carePlan",
      "write:carePlan",
      "read:appointment",
      "write:appointment",
      "read:concern",
      "read:rightsRequest",
      "read:advocacyLog",
      "read:preferences",
      "read:teamNotes",
      "write:teamNotes",
      "read:update",
      "write:update",
      "read:disclosures",
      "write:disclosures",
      "read:screening",
      "write:screening",
      "read:needs",
      "write:needs",
      "read:referral",
      "read:directives",
      "write:directives",
      "read:decision",
      "write:decision",
      "resolve:decision",
    ],
  },
  advocate: {
    own: [
      "read:patient",
      "read:carePlan",
      "read:appointment",
      "read:concern",
      "read:concern:confidential",
      "write:concern",
      "raise:concern",
      "read:rightsRequest",
      "write:rightsRequest",
      "file:rightsRequest",
      "read:advocacyLog",
      "write:advocacyLog",
      "read:preferences",
      "write:preferences",
      "read:teamNotes",
      "write:teamNotes",
      "read:update",
      "read:disclosures",
      "write:disclosures",
      "read:screening",
      "write:screening",
      "read:needs",
      "write:needs",
      "read:referral",
      "write:referral",
      "read:directives",
      "write:directives",
      "read:decision",
      "write:decision",
      "flag:decision",
    ],
  },
  patient: {
    own: [
      "open:record:portal",
      "read:profile:portal",
      "read:appointment:portal",
      "read:update:portal",
      "read:sharedMessages:portal",
      "write:message:portal",
      "read:resourcesGiven:portal",
      "read:carePlan:portal",
      "read:preferences:portal",
      "write:preferences:portal",
      "read:concern:portal",
      "raise:concern:portal",
      "read:rightsRequest:portal",
      "read:confidentialCommunication:portal",
      "file:rightsRequest:portal",
      "request:appointmentChange:portal",
      "read:recordAccessLog:portal",
      "export:record:portal",
      "manage:family:portal",
      "read:screening:portal",
      "write:screening:portal",
      "read:referral:portal",
      "answer:referral:portal",
      "read:directives:portal",
      "read:decision:portal",
      "confirm:decision:portal",
    ],
  },
  // Family here hold every scope the patient can grant; still never the confidential-communications request.
  family: {
    own: [
      "open:record:portal",
      "read:appointment:portal",
      "read:update:portal",
      "read:sharedMessages:portal",
      "write:message:portal",
      "read:resourcesGiven:portal",
      "read:carePlan:portal",
      "read:preferences:portal",
      "read:concern:portal",
      "raise:concern:portal",
      "read:rightsRequest:portal",
    ],
  },
};

const ALL_PERMISSIONS = [
  ...new Set(Object.values(PATIENT_POLICY).flatMap((p) => Object.keys(p))),
] as PatientPermission[];

describe("the policy table", () => {
  const actors = {} as Record<Role, ReturnType<typeof actorFor>>;
  let own: Record<Role, string>;
  let other: string;

  beforeAll(async () => {
    const ownPatient = await createPatient();
    other = (await createPatient()).id;
    const admin = await createUser("admin");
    const coordinator = await createUser("coordinator");
    const advocate = await createUser("advocate");
    const patient = await createUser("patient");
    const family = await createUser("family");
    await assignToCaseload(coordinator.id, ownPatient.id, "coordinator");
    await assignToCaseload(advocate.id, ownPatient.id, "advocate");
    await grantFamily(family.id, ownPatient.id, patient.id, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
    });
    // The fourth scope, messages (conversations with the care team), given too.
    await db()
      .update(familyAccessGrants)
      .set({ canMessage: true })
      .where(eq(familyAccessGrants.familyUserId, family.id));
    Object.assign(actors, {
      admin: actorFor(admin),
      coordinator: actorFor(coordinator),
      advocate: actorFor(advocate),
      patient: actorFor(patient),
      family: actorFor(family),
    });
    own = {
      admin: ownPatient.id,
      coordinator: ownPatient.id,
      advocate: ownPatient.id,
      patient: patient.patientId!,
      family: ownPatient.id,
    };
  });

  for (const role of Object.keys(EXPECTED) as Role[]) {
    for (const permission of ALL_PERMISSIONS) {
      const expected = EXPECTED[role].own.includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission} on their own patient, and never on another`, async () => {
        const actor = actors[role];
        expect(can(actor, permission, await getPatientAccess(actor, own[role]))).toBe(expected);
        expect(can(actor, permission, await getPatientAccess(actor, other))).toBe(false);
      });
    }
  }

  it("treats a patient that does not exist exactly like one that is not yours", async () => {
    const access = await getPatientAccess(actors.coordinator, "00000000-0000-4000-8000-000000000000");
    expect(access).toBeNull();
    expect(can(actors.coordinator, "read:patient", access)).toBe(false);
  });

  it("gives family only what the patient allowed", async () => {
    const patient = await createPatient();
    const family = await createUser("family");
    await grantFamily(family.id, patient.id, actors.admin.userId, {
      canViewTimeline: true,
      canRaiseConcerns: false,
    });
    const access = await getPatientAccess(actorFor(family), patient.id);
    expect(can(actorFor(family), "read:appointment:portal", access)).toBe(true);
    expect(can(actorFor(family), "raise:concern:portal", access)).toBe(false);
    expect(can(actorFor(family), "read:concern:portal", access)).toBe(false);
    expect(can(actorFor(family), "read:rightsRequest:portal", access)).toBe(false);
  });

  it("gives family each kind of item by its own scope, and no staff permission whatever the scope", async () => {
    const none = {
      canViewTimeline: false,
      canRaiseConcerns: false,
      canViewRequests: false,
      canMessage: false,
    };
    const scopes = {
      timeline: { ...none, canViewTimeline: true },
      concerns: { ...none, canRaiseConcerns: true },
      requests: { ...none, canViewRequests: true },
      messages: { ...none, canMessage: true },
    } as const;
    const shows: Record<keyof typeof scopes, PatientPermission[]> = {
      // Shared messages are the conversations', under the messages scope: no longer the timeline's.
      timeline: [
        "read:appointment:portal",
        "read:update:portal",
        "read:resourcesGiven:portal",
        "read:carePlan:portal",
        "read:preferences:portal",
      ],
      concerns: ["read:concern:portal", "raise:concern:portal"],
      requests: ["read:rightsRequest:portal"],
      messages: ["read:sharedMessages:portal", "write:message:portal"],
    };
    const staffPermissions = ALL_PERMISSIONS.filter((p) => !p.endsWith(":portal"));
    expect(staffPermissions).toContain("read:patient");
    for (const [scope, grant] of Object.entries(scopes) as [keyof typeof scopes, typeof none][]) {
      const patient = await createPatient();
      const family = actorFor(await createUser("family"));
      await db()
        .insert(familyAccessGrants)
        .values({
          familyUserId: family.userId,
          patientId: patient.id,
          grantedBy: actors.admin.userId,
          relationship: "daughter",
          ...grant,
        });
      const access = await getPatientAccess(family, patient.id);
      expect(can(family, "open:record:portal", access), scope).toBe(true);
      for (const permission of ALL_PERMISSIONS) {
        expect(can(family, permission, access), `${scope}: ${permission}`).toBe(
          permission === "open:record:portal" || shows[scope].includes(permission),
        );
      }
    }
  });

  it("gives the patient on her own record no staff permission at all", async () => {
    const access = await getPatientAccess(actors.patient, own.patient);
    expect(access?.relationships).toEqual(["self"]);
    for (const permission of ALL_PERMISSIONS.filter((p) => !p.endsWith(":portal")))
      expect(can(actors.patient, permission, access), permission).toBe(false);
    expect(can(actors.patient, "open:record:portal", access)).toBe(true);
  });

  it("lets a coordinator into an out-of-caseload record only through a running emergency grant", async () => {
    const patient = await createPatient();
    const coordinator = actors.coordinator;
    expect(can(coordinator, "read:patient", await getPatientAccess(coordinator, patient.id))).toBe(false);
    await grantEmergency(coordinator.userId, patient.id, 30);
    const access = await getPatientAccess(coordinator, patient.id);
    expect(access?.relationships).toEqual(["emergency"]);
    expect(can(coordinator, "read:patient", access)).toBe(true);
    expect(access?.emergencyGrantId).toBeTruthy();
  });

  it("does not let an expired emergency grant in", async () => {
    const patient = await createPatient();
    await grantEmergency(actors.advocate.userId, patient.id, -1);
    expect(can(actors.advocate, "read:patient", await getPatientAccess(actors.advocate, patient.id))).toBe(
      false,
    );
  });

  it("does not count a coordinator's caseload towards an advocate's access", () => {
    expect(allows("advocate", "write:carePlan", ["caseload"])).toBe(false);
    expect(allows("coordinator", "write:concern", ["caseload"])).toBe(false);
    expect(allows("admin", "read:patient", ["caseload", "emergency", "self"])).toBe(false);
    expect(
      allows("family", "read:confidentialCommunication:portal", [
        "family:timeline",
        "family:concerns",
        "family:requests",
      ]),
    ).toBe(false);
    expect(allows("patient", "read:confidentialCommunication:portal", ["self"])).toBe(true);
  });
});

describe("finding any patient (search:patients)", () => {
  it("is for staff and admins, never for patients or family", () => {
    const holders = (["admin", "coordinator", "advocate", "patient", "family"] as const).filter((role) =>
      allowsGlobal(role, "search:patients"),
    );
    expect(holders).toEqual(["admin", "coordinator", "advocate"]);
    // Finding a patient opens nothing: the admin still reads no record.
    expect(allows("admin", "read:patient", ["caseload", "emergency"])).toBe(false);
  });
});

describe("My work (read:myWork)", () => {
  it("is for the staff who hold work, never for admins, patients or family", () => {
    const holders = (["admin", "coordinator", "advocate", "patient", "family"] as const).filter((role) =>
      allowsGlobal(role, "read:myWork"),
    );
    expect(holders).toEqual(["coordinator", "advocate"]);
  });
});
