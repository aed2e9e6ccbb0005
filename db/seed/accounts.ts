/**
 * Who can sign in: the staff (one admin, three coordinators, three advocates), a portal account for
 * the demo patient and every Nth patient, and the demo patient's daughter with family access.
 * DEMO_PASSWORD and DEMO_ACCOUNTS are the sign-ins the README gives; the resilience tests and the
 * benchmark import them (through db/seed/index.ts).
 */
import type { Transaction } from "../client";
import { familyAccessGrants, users } from "../schema";
import type { SeededPatient } from "./patients";
import { insertChunked } from "./support";

export const DEMO_PASSWORD = "Carebridge-demo-2026";
export const DEMO_ACCOUNTS = {
  admin: "admin@carebridge.example",
  coordinator: "coordinator@carebridge.example",
  advocate: "advocate@carebridge.example",
  patient: "patient@carebridge.example",
  family: "family@carebridge.example",
} as const;

const STAFF = [
  { email: DEMO_ACCOUNTS.admin, name: "Alex Rivera", role: "admin" },
  { email: DEMO_ACCOUNTS.coordinator, name: "Casey Morgan", role: "coordinator" },
  { email: "coordinator2@carebridge.example", name: "Jordan Blake", role: "coordinator" },
  { email: "coordinator3@carebridge.example", name: "Sam Whitaker", role: "coordinator" },
  { email: DEMO_ACCOUNTS.advocate, name: "Avery Patel", role: "advocate" },
  { email: "advocate2@carebridge.example", name: "Robin Castillo", role: "advocate" },
  { email: "advocate3@carebridge.example", name: "Dana Okoye", role: "advocate" },
] as const;

/** A member of staff as the other seeders use one: caseloads and authorship go round robin over them. */
export interface SeededStaff {
  id: string;
  role: string;
  email: string;
  name: string;
}

/** The staff accounts, in the order above (so the demo coordinator and advocate come first of their kind). */
export async function seedStaff(tx: Transaction, passwordHash: string) {
  const staff: SeededStaff[] = await tx
    .insert(users)
    .values(STAFF.map((s) => ({ ...s, passwordHash })))
    .returning({ id: users.id, role: users.role, email: users.email, name: users.name });
  return {
    staff,
    admin: staff.find((s) => s.role === "admin")!,
    coordinators: staff.filter((s) => s.role === "coordinator"),
    advocates: staff.filter((s) => s.role === "advocate"),
  };
}

/**
 * Portal accounts for the demo patient and every `accountEvery`-th patient (patient1000NN@), then the
 * demo family member, whom the demo patient granted timeline and concerns access. Returns the
 * accounts made, for the seed's count.
 */
export async function seedPortalAccounts(
  tx: Transaction,
  patientsList: SeededPatient[],
  accountEvery: number,
  passwordHash: string,
) {
  const accounts: (typeof users.$inferInsert)[] = [];
  patientsList.forEach((p, i) => {
    if (i !== 0 && i % accountEvery !== 0) return;
    accounts.push({
      email: i === 0 ? DEMO_ACCOUNTS.patient : `patient${100001 + i}@carebridge.example`,
      name: `${p.givenName} ${p.familyName}`,
      role: "patient",
      passwordHash,
      patientId: p.id,
    });
  });
  accounts.push({ email: DEMO_ACCOUNTS.family, name: "Lucia Alvarez", role: "family", passwordHash });
  const created: { id: string; email: string }[] = [];
  await insertChunked(accounts, 1000, async (chunk) => {
    created.push(...(await tx.insert(users).values(chunk).returning({ id: users.id, email: users.email })));
  });
  const familyUser = created.find((u) => u.email === DEMO_ACCOUNTS.family)!;
  const demoPatientUser = created.find((u) => u.email === DEMO_ACCOUNTS.patient)!;
  await tx.insert(familyAccessGrants).values({
    patientId: patientsList[0]!.id,
    familyUserId: familyUser.id,
    relationship: "daughter",
    canViewTimeline: true,
    canRaiseConcerns: true,
    // Her daughter writes to the care team with her (the conversations' messages scope).
    canMessage: true,
    grantedBy: demoPatientUser.id,
  });
  return created;
}
