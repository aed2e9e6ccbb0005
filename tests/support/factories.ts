import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import {
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  emergencyAccessGrants,
  familyAccessGrants,
  patients,
  type Role,
  users,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/authz/actor";

export const TEST_PASSWORD = "correct horse battery staple 42";
let cachedHash: Promise<string> | undefined;
let counter = 0;

function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${randomUUID().slice(0, 4)}`;
}

export async function createPatient(overrides: Partial<typeof patients.$inferInsert> = {}) {
  const n = unique();
  const [p] = await db()
    .insert(patients)
    .values({
      mrn: `T-${n.toUpperCase()}`.slice(0, 20),
      givenName: "Test",
      familyName: `Patient${n}`,
      dateOfBirth: "1970-01-31",
      sex: "female",
      ...overrides,
    })
    .returning();
  return p!;
}

export async function createUser(role: Role, overrides: Partial<typeof users.$inferInsert> = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const patientId = role === "patient" ? (overrides.patientId ?? (await createPatient()).id) : null;
  const [u] = await db()
    .insert(users)
    .values({
      email: `${role}-${unique()}@test.example`.toLowerCase(),
      name: `Test ${role}`,
      role,
      passwordHash: await cachedHash,
      patientId,
      ...overrides,
    })
    .returning();
  return u!;
}

export function actorFor(user: {
  id: string;
  role: Role;
  name: string;
  email: string;
  patientId: string | null;
}): Actor {
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    sessionId: null,
    patientId: user.patientId,
  };
}

export async function assignToCaseload(
  staffUserId: string,
  patientId: string,
  kind: "coordinator" | "advocate",
) {
  await db().insert(caseloadAssignments).values({ staffUserId, patientId, kind, isPrimary: false });
}

export async function grantFamily(
  familyUserId: string,
  patientId: string,
  grantedBy: string,
  scope: Pick<
    Partial<typeof familyAccessGrants.$inferInsert>,
    "canViewTimeline" | "canRaiseConcerns" | "canViewRequests" | "canMessage"
  > = {},
) {
  await db()
    .insert(familyAccessGrants)
    .values({ familyUserId, patientId, grantedBy, relationship: "son", canViewTimeline: true, ...scope });
}

/** An emergency grant running for `minutes` from now; a negative number makes one that has run out. */
export async function grantEmergency(userId: string, patientId: string, minutes = 60) {
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const grantedAt = new Date(Math.min(Date.now(), expiresAt.getTime() - 60 * 60_000));
  await db()
    .insert(emergencyAccessGrants)
    .values({ userId, patientId, reason: "Covering an urgent call", grantedAt, expiresAt });
}

export async function createClinician(overrides: Partial<typeof clinicians.$inferInsert> = {}) {
  const [c] = await db()
    .insert(clinicians)
    .values({ name: `Dr. Test ${unique()}`, discipline: "Oncologist", internal: false, ...overrides })
    .returning();
  return c!;
}

export async function addToCareTeam(patientId: string, clinicianId: string) {
  await db().insert(careTeamMembers).values({ patientId, clinicianId });
}
