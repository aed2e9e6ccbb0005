import { beforeAll, describe, expect, it } from "vitest";
import { STARTER_TEMPLATES } from "@/db/care-plan-templates";
import { captureStatements, db } from "@/db/client";
import { carePlanTemplates, decisions } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { getCarePlanPage, OpenFormSchema, opensItem, startCarePlan, transitionPlan } from "@/lib/care-plans";
import { listFlaggedDecisions } from "@/lib/decisions";
import { NotFoundError } from "@/lib/errors";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
} from "./support/factories";

// The care plan page in one statement (issue 19): what a render costs, what it reads only when
// asked (the history, the owner list), and the flagged decisions above the plan, still audited.

const today = zonedDate();
let coordinator: Actor;
let patientId: string;
let planId: string;

beforeAll(async () => {
  const [template] = await db().insert(carePlanTemplates).values(STARTER_TEMPLATES[0]!).returning();
  coordinator = actorFor(await createUser("coordinator", { name: "Casey Page" }));
  patientId = (await createPatient()).id;
  await assignToCaseload(coordinator.userId, patientId, "coordinator");
  await addToCareTeam(patientId, (await createClinician({ name: "Dr. Page" })).id);
  planId = await startCarePlan(coordinator, patientId, {
    title: "Home safely",
    reviewDate: addDaysIso(today, 60),
    templateId: template!.id,
  });
  await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 1 });
  await db()
    .insert(decisions)
    .values({
      patientId,
      topic: "Home dialysis",
      options: ["At home", "At the unit"],
      choiceInHerWords: "At home.",
      participants: [{ kind: "patient", name: "The patient" }],
      decidedOn: addDaysIso(today, -3),
      confirmation: "disputed",
      confirmationAt: new Date(),
      patientComment: "I said the unit.",
      recordedBy: coordinator.userId,
      updatedBy: coordinator.userId,
    });
});

describe("the care plan page's reads", () => {
  it("reads the page in three statements, however much of it is asked for", async () => {
    for (const options of [{}, { history: true, owners: true }, { print: true }]) {
      const sent = await captureStatements(() => getCarePlanPage(coordinator, patientId, null, options));
      // The policy with the header, the page's one statement, and the read's audit events in one insert.
      expect(sent.length, JSON.stringify(options)).toBeLessThanOrEqual(3);
    }
  });

  it("reads the history and the owner list only when asked", async () => {
    const plain = await getCarePlanPage(coordinator, patientId);
    expect(plain.plan!.content.goals.length).toBeGreaterThan(0);
    expect(plain.history).toEqual([]);
    expect(plain.owners).toEqual([]);
    expect(plain.templates.map((t) => Object.keys(t))).toContainEqual(["id", "name"]);
    const asked = await getCarePlanPage(coordinator, patientId, planId, { history: true, owners: true });
    expect(asked.history.map((v) => v.changes[0])).toEqual([
      "Status: Draft → Active.",
      expect.stringMatching(/^Plan started as “Home safely” with/),
    ]);
    expect(asked.history[0]!.changedAt).toBeInstanceOf(Date);
    expect(asked.owners.map((o) => o.label)).toEqual([
      "Not assigned yet",
      "Dr. Page (Oncologist)",
      "Casey Page (coordinator)",
    ]);
    expect(asked.plan).toEqual(plain.plan);
    expect(asked.plan!.createdAt).toBeInstanceOf(Date);
  });

  it("shows the flagged decisions above the plan and audits that read as the decisions' own", async () => {
    const before = (await auditTrail(coordinator.userId, "decision.read")).length;
    const page = await getCarePlanPage(coordinator, patientId, null, { history: true });
    expect(page.flagged).toEqual((await listFlaggedDecisions(coordinator, patientId)).flagged);
    expect(page.flagged).toMatchObject([{ topic: "Home dialysis", patientComment: "I said the unit." }]);
    const trail = await auditTrail(coordinator.userId, "decision.read");
    // One from the page, one from listFlaggedDecisions, alike.
    expect(trail.slice(before)).toEqual([
      {
        action: "decision.read",
        patientId,
        entityType: "patient",
        entityId: patientId,
        details: { flagged: true, shown: 1 },
      },
      {
        action: "decision.read",
        patientId,
        entityType: "patient",
        entityId: patientId,
        details: { flagged: true, shown: 1 },
      },
    ]);
    const views = await auditTrail(coordinator.userId, "care-plan.view");
    expect(views.at(-1)).toMatchObject({ entityId: planId, details: { print: false, history: true } });
    // The print view shows no alert, and reads none.
    expect((await getCarePlanPage(coordinator, patientId, null, { print: true })).flagged).toBeNull();
    expect(await auditTrail(coordinator.userId, "decision.read")).toHaveLength(before + 2);
  });

  it("is a 404 for a plan that is not the patient's", async () => {
    const other = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, other, "coordinator");
    await expect(getCarePlanPage(coordinator, other, planId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the page's ?edit=", () => {
  it("names an item by its id or one of the plan's own forms, and nothing else", () => {
    expect(OpenFormSchema.safeParse("add-goal").success).toBe(true);
    expect(OpenFormSchema.safeParse(planId).success).toBe(true);
    expect(OpenFormSchema.safeParse("add-template").success).toBe(false);
    expect(OpenFormSchema.safeParse(["details", "template"]).success).toBe(false);
    expect(opensItem(planId)).toBe(true);
    expect(opensItem("details")).toBe(false);
  });
});
