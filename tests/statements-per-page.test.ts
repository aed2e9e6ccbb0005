import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { captureStatements, db, getDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_ACCOUNTS, seedDatabase } from "@/db/seed";
import type { Actor } from "@/lib/authz";
import { getDashboard } from "@/lib/dashboard";
import { getDecisionsPage, getPortalDecisions } from "@/lib/decisions";
import { getDirectivesPage } from "@/lib/directives";
import { listMyWork } from "@/lib/my-work";
import { getPatientNeeds } from "@/lib/needs";
import { listNotifications } from "@/lib/notifications/bell";
import { getPatientOverview } from "@/lib/patients";
import { resolveViewing } from "@/lib/portal/viewing";
import { auditReadsTogether } from "@/lib/records/read-audit";
import { getPortalReferrals } from "@/lib/referrals";
import { getMyScreening, getScreeningPage } from "@/lib/screening";
import { actorFor } from "./support/factories";

// Issue 19: at most 6 SQL statements per page render. A page's own reads are measured here as the
// page makes them (inside the audit batch readRecordPage opens), on the demo data; the shell's
// session check is one statement more, and a patient's portal language (no cookie) one more again.
const BUDGET = 6;
const SHELL = 1;
const PORTAL_LANGUAGE = 1;

let coordinator: Actor;
let advocate: Actor;
let patient: Actor;
let patientId: string;

async function actorOf(email: string): Promise<Actor> {
  const [u] = await db().select().from(users).where(eq(users.email, email));
  return actorFor(u!);
}

beforeAll(async () => {
  await seedDatabase(getDatabase().db, { patients: 40 });
  coordinator = await actorOf(DEMO_ACCOUNTS.coordinator);
  advocate = await actorOf(DEMO_ACCOUNTS.advocate);
  patient = await actorOf(DEMO_ACCOUNTS.patient);
  patientId = patient.patientId!;
}, 300_000);

async function portalPatientId(): Promise<string> {
  const viewing = await resolveViewing(patient, undefined);
  if (viewing.kind === "choose") throw new Error("the demo patient views her own record");
  return viewing.patientId;
}

const pages: [string, number, () => Promise<unknown>][] = [
  ["the patient's overview with who decides", SHELL, () => getPatientOverview(coordinator, patientId)],
  ["who decides", SHELL, () => getDirectivesPage(coordinator, patientId)],
  ["decision records", SHELL, () => getDecisionsPage(coordinator, patientId)],
  ["needs and referrals, coordinator", SHELL, () => getPatientNeeds(coordinator, patientId)],
  ["needs and referrals, advocate (who may refer)", SHELL, () => getPatientNeeds(advocate, patientId)],
  ["social-needs screening, staff", SHELL, () => getScreeningPage(advocate, patientId)],
  ["the dashboard, coordinator", SHELL, () => getDashboard(coordinator)],
  ["the dashboard, advocate (concerns, rights requests, follow-ups)", SHELL, () => getDashboard(advocate)],
  ["my work, coordinator", SHELL, () => listMyWork(coordinator)],
  ["my work, advocate", SHELL, () => listMyWork(advocate)],
  ["notifications", SHELL, () => listNotifications(coordinator, { page: 1, side: "staff" })],
  [
    "/me/screening",
    SHELL + PORTAL_LANGUAGE,
    async () => getMyScreening(patient, await portalPatientId(), { language: "en" }),
  ],
  ["/me/referrals", SHELL + PORTAL_LANGUAGE, () => getPortalReferrals(patient, patientId)],
  [
    "/me/decisions",
    SHELL + PORTAL_LANGUAGE,
    async () => getPortalDecisions(patient, await portalPatientId()),
  ],
];

describe("SQL statements per page render", () => {
  for (const [name, around, read] of pages) {
    it(`${name}: at most ${BUDGET}, its audit events included`, async () => {
      const statements = await captureStatements(() => auditReadsTogether(read));
      // The policy's statement and the audit event at least: a capture that saw nothing proves nothing.
      expect(statements.length).toBeGreaterThanOrEqual(2);
      expect(statements.some((s) => /^\s*insert into "audit_events"/i.test(s.query))).toBe(true);
      expect(
        statements.length + around,
        statements.map((s) => s.query.slice(0, 80)).join("\n"),
      ).toBeLessThanOrEqual(BUDGET);
    });
  }
});
