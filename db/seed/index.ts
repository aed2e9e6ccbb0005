/**
 * The demo seed: believable, deterministic data for every part of the portal. Each domain's data
 * and seeder live beside this file (db/seed/<domain>.ts); this file only runs them, in one
 * transaction, in the order their dependencies and the shared random stream need. The order is
 * part of the data: the patients, their care teams and their appointments draw from one stream in
 * turn, and ids handed out by the database follow insert order, so moving a step changes what a
 * seeded database holds.
 * Callers import the folder (`@/db/seed`, `../db/seed`): the demo accounts and password, the demo
 * patient's private phone number, and seedDatabase; the domain files are not imported from outside.
 */
import { count } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Database } from "../client";
import { users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedPortalAccounts, seedStaff } from "./accounts";
import { seedAdvocacy } from "./advocacy";
import { seedAppointments, seedDemoPhysio } from "./appointments";
import { seedCarePlans, seedTemplates } from "./care-plans";
import { seedCareTeams, seedClinicians } from "./care-team";
import { seedConcerns } from "./concerns";
import { seedDecisions } from "./decisions";
import { seedDisclosures } from "./disclosures";
import { seedEducation } from "./education";
import { seedLongHistory } from "./long-history";
import { seedMessages } from "./messages";
import { seedNeeds } from "./needs";
import { seedPatients } from "./patients";
import { seedPreferences } from "./preferences";
import { seedHistory } from "./report-history";
import { DEMO_PRIVATE_PHONE, seedRightsRequests } from "./rights-requests";
import { DEMO_TOTP_ACCOUNT, DEMO_TOTP_SECRET, seedSecurity } from "./security";
import { random } from "./support";
import { seedUpdates } from "./updates";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PRIVATE_PHONE, DEMO_TOTP_ACCOUNT, DEMO_TOTP_SECRET };

export interface SeedOptions {
  patients?: number;
  /** Every Nth patient gets a portal account (the demo patient always does). */
  accountEvery?: number;
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Believable, deterministic demo data: staff, patients, care teams, caseloads, portal accounts. */
export async function seedDatabase(
  db: Database,
  options: SeedOptions = {},
): Promise<{ patients: number; users: number }> {
  const total = options.patients ?? 200;
  const accountEvery = options.accountEvery ?? 10;
  const rnd = random(20261124);
  // One hash for every demo account: they share the demo password, and argon2 is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    const { staff, admin, coordinators, advocates } = await seedStaff(tx, passwordHash);
    const inserted = await seedPatients(tx, rnd, total);
    const directory = await seedClinicians(tx);
    const team = await seedCareTeams(tx, rnd, inserted, directory, { admin, coordinators, advocates });
    const created = await seedPortalAccounts(tx, inserted, accountEvery, passwordHash);
    // Placed one by one around each clinician's free hours: the demo's first 2,000 patients; a
    // benchmark database gets the rest of its appointments from db/seed-scale.ts in bulk.
    await seedAppointments(tx, inserted.slice(0, 2000), team, coordinators, rnd);
    await seedMessages(tx, inserted, coordinators, advocates);
    const templates = await seedTemplates(tx);
    await seedCarePlans(tx, inserted, team, directory, coordinators, templates);
    await seedPreferences(tx, inserted, advocates);
    await seedUpdates(tx, inserted, coordinators);
    await seedConcerns(tx, inserted, advocates);
    await seedAdvocacy(tx, inserted, advocates);
    await seedEducation(tx, inserted, advocates);
    await seedRightsRequests(tx, inserted, advocates);
    await seedHistory(tx, inserted, advocates);
    await seedDisclosures(tx, inserted, [...advocates, ...coordinators]);
    await seedDemoPhysio(tx, inserted[0]!, coordinators[0]!);
    if (inserted.length > 10) await seedLongHistory(tx, inserted[10]!, coordinators[0]!);
    await seedDecisions(tx, inserted[0]!, inserted[10], advocates[0]!, coordinators[0]!);
    await seedNeeds(tx, inserted, advocates[0]!);
    await seedSecurity(tx, passwordHash);
    return { patients: inserted.length, users: staff.length + created.length + 1 };
  });
}
