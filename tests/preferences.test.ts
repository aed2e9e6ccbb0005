import { describe, expect, it } from "vitest";
import { NotFoundError, StaleVersionError } from "@/lib/errors";
import { getPatientOverview } from "@/lib/patients";
import { getPreferencesPage, savePreferences } from "@/lib/preferences";
import { auditTrail } from "./support/audit-trail";
import { actorFor, assignToCaseload, createPatient, createUser, grantFamily } from "./support/factories";

const blank = {
  whatMattersMost: null,
  myGoals: null,
  treatmentPreferences: null,
  communicationPreferences: null,
  languageNeeds: null,
  decisionSupport: null,
  whoMayBeTold: null,
};

describe("the patient's voice", () => {
  it("is versioned like a care plan: who changed what, stale saves refused, written by the advocate and the patient", async () => {
    const advocate = actorFor(await createUser("advocate", { name: "Avery First" }));
    const coordinator = actorFor(await createUser("coordinator"));
    const outsider = actorFor(await createUser("advocate"));
    const patientId = (await createPatient()).id;
    await assignToCaseload(advocate.userId, patientId, "advocate");
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    const patient = actorFor(await createUser("patient", { patientId, name: "Pat Self" }));
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId);

    expect((await getPreferencesPage(advocate, patientId, "staff")).version).toBe(0);
    await savePreferences(
      advocate,
      patientId,
      { ...blank, whatMattersMost: "Staying at home.", version: 0 },
      "staff",
    );
    const stale = await savePreferences(
      patient,
      patientId,
      { ...blank, myGoals: "Walk again.", version: 0 },
      "portal",
    ).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toContain("Avery First");
    await savePreferences(
      patient,
      patientId,
      {
        ...blank,
        whatMattersMost: "Staying in my own home.",
        myGoals: "Walk to church.",
        version: 1,
      },
      "portal",
    );

    const page = await getPreferencesPage(coordinator, patientId, "staff");
    expect(page.canWrite).toBe(false);
    expect(page.history.map((h) => [h.version, h.changedBy])).toEqual([
      [2, "Pat Self"],
      [1, "Avery First"],
    ]);
    expect(page.history[0]!.changes).toEqual([
      "What matters most: “Staying at home.” → “Staying in my own home.”.",
      "Goals in their own words: nothing → “Walk to church.”.",
    ]);
    expect((await getPatientOverview(coordinator, patientId)).preferences?.myGoals).toBe("Walk to church.");
    expect((await getPreferencesPage(family, patientId, "portal")).preferences?.whatMattersMost).toBe(
      "Staying in my own home.",
    );

    for (const [actor, call] of [
      [coordinator, () => savePreferences(coordinator, patientId, { ...blank, version: 2 }, "staff")],
      [family, () => savePreferences(family, patientId, { ...blank, version: 2 }, "portal")],
      [outsider, () => getPreferencesPage(outsider, patientId, "staff")],
      // The portal's permission is not the staff's, and the staff's not the portal's.
      [family, () => getPreferencesPage(family, patientId, "staff")],
      [patient, () => savePreferences(patient, patientId, { ...blank, version: 2 }, "staff")],
      [advocate, () => getPreferencesPage(advocate, patientId, "portal")],
    ] as const) {
      await expect(call(), actor.role).rejects.toBeInstanceOf(NotFoundError);
    }
    // Each read is one event naming the patient; a refused one leaves only the refusal.
    expect(await auditTrail(coordinator.userId, "preferences.read")).toEqual([
      { action: "preferences.read", patientId, entityType: "patient", entityId: patientId, details: null },
    ]);
    expect(await auditTrail(outsider.userId, "preferences.read")).toEqual([]);
    expect(await auditTrail(outsider.userId, "access.denied")).toHaveLength(1);
  });
});
