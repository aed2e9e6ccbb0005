import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { listRecentRefusals } from "@/lib/audit";
import { authorizeGlobal, authorizePatient } from "@/lib/authz";
import { getConcern, listPatientConcerns } from "@/lib/concerns";
import { NotFoundError } from "@/lib/errors";
import { getPatientOverview } from "@/lib/patients";
import { getTimeline } from "@/lib/portal/timeline";
import { getPreferencesPage } from "@/lib/preferences";
import {
  fileRightsRequest,
  listPatientRightsRequests,
  listPortalRightsRequests,
} from "@/lib/rights-requests";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

/** The planted text: the private number Maria asked to be called on instead of the home phone. */
const PRIVATE_PHONE = "555-0199-PRIVATE";

async function maria() {
  const patientId = (await createPatient({ givenName: "Maria" })).id;
  const advocate = actorFor(await createUser("advocate"));
  await assignToCaseload(advocate.userId, patientId, "advocate");
  const patient = actorFor(await createUser("patient", { patientId }));
  const receivedOn = new Date().toISOString().slice(0, 10);
  const file = (type: "confidential-communication" | "access", details: string) =>
    fileRightsRequest(advocate, patientId, {
      type,
      receivedOn,
      details,
      requestedForm: null,
      healthPlanSelfPay: false,
    });
  const confidential = await file(
    "confidential-communication",
    `Call me only on ${PRIVATE_PHONE}, never at home.`,
  );
  const access = await file("access", "A copy of my discharge papers.");
  return { patientId, advocate, patient, confidential, access };
}

/** A family member with these scopes; `canMessage` goes into the grant's row with the others. */
async function familyWith(
  patientId: string,
  grantedBy: string,
  scope: Parameters<typeof grantFamily>[3] & { canMessage?: boolean },
) {
  const family = actorFor(await createUser("family"));
  await grantFamily(family.userId, patientId, grantedBy, scope);
  return family;
}

describe("the portal's privacy boundary", () => {
  it("never shows family a confidential-communications request, whatever the scope; the patient sees hers", async () => {
    const { patientId, patient, confidential, access } = await maria();
    const everything = await familyWith(patientId, patient.userId, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    });
    // Positive control: the patient herself sees the request and its number, in the list and on the timeline.
    const own = await listPortalRightsRequests(patient, patientId);
    expect(own.requests.map((r) => r.id).sort()).toEqual([access, confidential].sort());
    expect(JSON.stringify(own)).toContain(PRIVATE_PHONE);
    const ownTimeline = await getTimeline(patient, patientId, { kind: "rights" });
    expect(JSON.stringify(ownTimeline)).toContain(PRIVATE_PHONE);

    const shared = await listPortalRightsRequests(everything, patientId);
    expect(shared.requests.map((r) => r.id)).toEqual([access]);
    expect(shared.canFile).toBe(false);
    expect(JSON.stringify(shared)).not.toContain(PRIVATE_PHONE);
    for (const kind of [undefined, "rights"] as const) {
      const timeline = await getTimeline(everything, patientId, { kind });
      expect(timeline.history.map((i) => i.id)).toContain(access);
      expect(JSON.stringify(timeline)).not.toContain(PRIVATE_PHONE);
      expect(JSON.stringify(timeline)).not.toContain("confidential-communication");
    }
  });

  it("shows family rights requests only when the patient shared them", async () => {
    const { patientId, patient } = await maria();
    const timelineOnly = await familyWith(patientId, patient.userId, { canViewTimeline: true });
    await expect(listPortalRightsRequests(timelineOnly, patientId)).rejects.toBeInstanceOf(NotFoundError);
    const timeline = await getTimeline(timelineOnly, patientId, {});
    expect(timeline.kinds).not.toContain("rights");
    expect(timeline.history.some((i) => i.kind === "rights")).toBe(false);
    expect(timeline.canReadRightsRequests).toBe(false);
  });

  it("keeps every staff read shut to the patient and to family with every scope", async () => {
    const { patientId, patient, advocate, confidential } = await maria();
    const family = await familyWith(patientId, patient.userId, {
      canViewTimeline: true,
      canRaiseConcerns: true,
      canViewRequests: true,
      canMessage: true,
    });
    const staffReads = [
      (a: typeof patient) => getPatientOverview(a, patientId),
      (a: typeof patient) => listPatientRightsRequests(a, patientId),
      (a: typeof patient) => listPatientConcerns(a, patientId),
      (a: typeof patient) => getPreferencesPage(a, patientId, "staff"),
      (a: typeof patient) => getConcern(a, patientId, confidential),
    ];
    for (const read of staffReads.slice(0, 4)) {
      await expect(read(patient)).rejects.toBeInstanceOf(NotFoundError);
      await expect(read(family)).rejects.toBeInstanceOf(NotFoundError);
      // Positive control: the advocate on her caseload.
      await expect(read(advocate)).resolves.toBeTruthy();
    }
    await expect(staffReads[4]!(family)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("writes an access.denied event for each refusal, naming the permission, and still answers 404", async () => {
    const { patientId, patient } = await maria();
    const outsider = actorFor(await createUser("coordinator"));
    const denied = (userId: string) =>
      db()
        .select({ patientId: auditEvents.patientId, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "access.denied")))
        .orderBy(asc(auditEvents.id));

    await expect(getPatientOverview(outsider, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatientOverview(patient, patientId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(authorizeGlobal(patient, "list:caseload")).rejects.toBeInstanceOf(NotFoundError);
    // A patient that does not exist: refused and audited without a patient.
    await expect(
      authorizePatient(outsider, "read:patient", "00000000-0000-4000-8000-000000000000"),
    ).rejects.toBeInstanceOf(NotFoundError);

    expect(await denied(outsider.userId)).toEqual([
      { patientId, details: { permission: "read:patient", route: null, serverAction: null } },
      { patientId: null, details: { permission: "read:patient", route: null, serverAction: null } },
    ]);
    expect((await denied(patient.userId)).map((e) => [e.patientId, e.details?.permission])).toEqual([
      [patientId, "read:patient"],
      [null, "list:caseload"],
    ]);
    // Positive control: an allowed read writes no refusal.
    const advocate = actorFor(await createUser("advocate"));
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await getPatientOverview(advocate, patientId);
    expect(await denied(advocate.userId)).toEqual([]);

    const admin = actorFor(await createUser("admin"));
    const byUser = await listRecentRefusals(admin);
    expect(byUser.find((r) => r.userId === outsider.userId)?.refusals).toBe(2);
    expect(byUser.find((r) => r.userId === patient.userId)?.refusals).toBe(2);
    expect(byUser.some((r) => r.userId === advocate.userId)).toBe(false);
    await expect(listRecentRefusals(outsider)).rejects.toBeInstanceOf(NotFoundError);
  });
});
