import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { allows, can, getPatientAccess, PATIENT_POLICY, type PatientPermission } from "@/lib/authz";
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
    ],
  },
  patient: {
    own: [
      "read:patient",
      "read:carePlan",
      "read:appointment",
      "read:concern",
      "raise:concern",
      "read:rightsRequest",
      "file:rightsRequest",
      "read:preferences",
      "write:preferences",
      "read:recordAccessLog",
      "read:update",
      "read:sharedMessages",
      "read:resourcesGiven",
      "manage:family",
      "request:appointmentChange",
    ],
  },
  family: {
    own: [
      "read:patient",
      "read:carePlan",
      "read:appointment",
      "read:concern",
      "raise:concern",
      "read:rightsRequest",
      "read:preferences",
      "read:update",
      "read:sharedMessages",
      "read:resourcesGiven",
    ],
  },
};

const ALL_PERMISSIONS = [
  ...new Set(Object.values(PATIENT_POLICY).flatMap((p) => Object.keys(p))),
  "read:recordAccessLog",
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
    });
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
    expect(can(actorFor(family), "read:patient", access)).toBe(true);
    expect(can(actorFor(family), "raise:concern", access)).toBe(false);
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
  });
});
