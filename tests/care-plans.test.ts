import { and, eq, sql } from "drizzle-orm";
import type { CarePlan } from "fhir/r4";
import { beforeEach, describe, expect, it } from "vitest";
import { STARTER_TEMPLATES } from "@/db/care-plan-templates";
import { db } from "@/db/client";
import {
  auditEvents,
  carePlans,
  carePlanTemplates,
  carePlanVersions,
  careTeamMembers,
  patients,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import {
  addPlanItem,
  carePlanSchemas,
  editPlanItem,
  getCarePlanPage,
  getCarePlanWorklist,
  removePlanItem,
  saveAsTemplate,
  startCarePlan,
  transitionPlan,
  updatePlanDetails,
} from "@/lib/care-plans";
import { describeChanges } from "@/lib/care-plans/diff";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { exportPatientBundle } from "@/lib/portal/fhir";
import { getTimeline } from "@/lib/portal/timeline";
import { addDaysIso, zonedDate } from "@/lib/time";
import { auditTrail } from "./support/audit-trail";
import { expectDatabaseError } from "./support/database-errors";
import {
  actorFor,
  addToCareTeam,
  assignToCaseload,
  createClinician,
  createPatient,
  createUser,
  grantFamily,
} from "./support/factories";

const today = zonedDate();
const goal = (description: string, version: number, extra: Record<string, unknown> = {}) => ({
  kind: "goal" as const,
  description,
  measure: null,
  plainWords: null,
  targetDate: addDaysIso(today, 30),
  status: "proposed" as const,
  priority: "medium" as const,
  patientSet: false,
  version,
  ...extra,
});
const intervention = (
  description: string,
  version: number,
  owner: { type: "clinician" | "user"; id: string } | null,
  extra: Record<string, unknown> = {},
) => ({
  kind: "intervention" as const,
  description,
  plainWords: null,
  goalId: null,
  owner,
  dueDate: addDaysIso(today, 7),
  status: "not-started" as const,
  version,
  ...extra,
});

async function versionOf(planId: string) {
  const [row] = await db()
    .select({ version: carePlans.version })
    .from(carePlans)
    .where(eq(carePlans.id, planId));
  return row!.version;
}
async function versionRows(planId: string) {
  return db().select().from(carePlanVersions).where(eq(carePlanVersions.planId, planId));
}

describe("care plans", () => {
  let coordinator: Actor;
  let colleague: Actor;
  let advocate: Actor;
  let outsider: Actor;
  let patientId: string;
  let clinicianId: string;

  beforeEach(async () => {
    coordinator = actorFor(await createUser("coordinator", { name: "Casey First" }));
    colleague = actorFor(await createUser("coordinator", { name: "Jordan Second" }));
    advocate = actorFor(await createUser("advocate"));
    outsider = actorFor(await createUser("coordinator"));
    patientId = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, patientId, "coordinator");
    await assignToCaseload(colleague.userId, patientId, "coordinator");
    await assignToCaseload(advocate.userId, patientId, "advocate");
    clinicianId = (await createClinician({ name: "Dr. Helen Park" })).id;
    await addToCareTeam(patientId, clinicianId);
  });

  /** A new draft plan; `add` and `remove` save a change to it, and `next()` is the version the next save is made from. */
  async function draftPlan(title: string) {
    const planId = await startCarePlan(coordinator, patientId, {
      title,
      reviewDate: addDaysIso(today, 60),
      templateId: null,
    });
    let version = 1;
    const next = () => version++;
    const add = (item: Parameters<typeof addPlanItem>[2]) =>
      addPlanItem(coordinator, planId, { ...item, version: next() } as Parameters<typeof addPlanItem>[2]);
    const remove = (kind: Parameters<typeof removePlanItem>[2], itemId: string) =>
      removePlanItem(coordinator, planId, kind, itemId, next());
    return { planId, add, remove, next };
  }

  it("reads the plan as it stands: removed items left out, interventions by due date, owners named", async () => {
    const { planId, add, remove } = await draftPlan("Reading order");
    await add({ kind: "problem", description: "Lives alone", version: 0 });
    await add({ kind: "problem", description: "Taken off again", version: 0 });
    await add(goal("Cook a meal", 0, { measure: "Twice a week", patientSet: true, priority: "high" }));
    await add(goal("Dropped goal", 0, { targetDate: null }));
    const before = (await getCarePlanPage(coordinator, patientId)).plan!.content;
    const [kept, dropped] = before.goals;
    await add(intervention("No date, nobody", 0, null, { dueDate: null }));
    await add(
      intervention("Later, the clinician", 0, { type: "clinician", id: clinicianId }, { goalId: kept!.id }),
    );
    await add(
      intervention(
        "Sooner, a colleague",
        0,
        { type: "user", id: colleague.userId },
        {
          dueDate: addDaysIso(today, 2),
          status: "in-progress",
        },
      ),
    );
    await remove("problem", before.problems[1]!.id);
    await remove("goal", dropped!.id);

    const { plan } = await getCarePlanPage(coordinator, patientId);
    expect(plan!.content.problems.map((p) => p.description)).toEqual(["Lives alone"]);
    expect(plan!.content.goals).toEqual([
      {
        id: kept!.id,
        description: "Cook a meal",
        measure: "Twice a week",
        targetDate: addDaysIso(today, 30),
        status: "proposed",
        priority: "high",
        patientSet: true,
        plainWords: null,
      },
    ]);
    expect(plan!.content.interventions.map(({ id: _id, ...i }) => i)).toEqual([
      {
        description: "Sooner, a colleague",
        plainWords: null,
        goalId: null,
        goalDescription: null,
        ownerKey: `user:${colleague.userId}`,
        ownerName: "Jordan Second",
        dueDate: addDaysIso(today, 2),
        status: "in-progress",
      },
      {
        description: "Later, the clinician",
        plainWords: null,
        goalId: kept!.id,
        goalDescription: "Cook a meal",
        ownerKey: `clinician:${clinicianId}`,
        ownerName: "Dr. Helen Park",
        dueDate: addDaysIso(today, 7),
        status: "not-started",
      },
      {
        description: "No date, nobody",
        plainWords: null,
        goalId: null,
        goalDescription: null,
        ownerKey: null,
        ownerName: null,
        dueDate: null,
        status: "not-started",
      },
    ]);
    // Owners offered: the care team, the patient's staff, and anyone who still owns an item.
    const owners = (await getCarePlanPage(coordinator, patientId, null, { owners: true })).owners.map(
      (o) => o.label,
    );
    expect(owners).toEqual([
      "Not assigned yet",
      "Dr. Helen Park (Oncologist)",
      "Test advocate (advocate)",
      "Casey First (coordinator)",
      "Jordan Second (coordinator)",
    ]);
    await db()
      .update(careTeamMembers)
      .set({ archivedAt: new Date() })
      .where(eq(careTeamMembers.clinicianId, clinicianId));
    expect(
      (await getCarePlanPage(coordinator, patientId, null, { owners: true })).owners.map((o) => o.label),
    ).toEqual([
      "Not assigned yet",
      "Test advocate (advocate)",
      "Casey First (coordinator)",
      "Jordan Second (coordinator)",
      "Dr. Helen Park (no longer on the care team)",
    ]);
    // The print view: whom to call, and none of the editing or the history.
    const printed = await getCarePlanPage(coordinator, patientId, null, { print: true });
    expect(printed.contacts.map((c) => `${c.name} (${c.kind})`)).toEqual(owners.slice(2));
    expect(printed.owners).toEqual([]);
    expect(printed.history).toEqual([]);
    expect(printed.plan!.content).toEqual(plan!.content);
    // The newest version holds the same content.
    const [newest] = (await versionRows(planId)).sort((a, b) => b.version - a.version);
    expect(newest!.snapshot.interventions.map((i) => [i.description, i.owner, i.dueDate])).toEqual([
      ["Sooner, a colleague", "Jordan Second", addDaysIso(today, 2)],
      ["Later, the clinician", "Dr. Helen Park", addDaysIso(today, 7)],
      ["No date, nobody", null, null],
    ]);
  });

  it("shows the patient and their family the active plan as it stands, in the portal and the export", async () => {
    const { planId, add, remove, next } = await draftPlan("Home again");
    await add(goal("Walk to the shop", 0));
    await add(goal("Sleep through the night", 0, { targetDate: addDaysIso(today, 10) }));
    await add(goal("Taken off the plan", 0));
    await add(goal("Given up", 0, { status: "cancelled" }));
    const goals = (await getCarePlanPage(coordinator, patientId)).plan!.content.goals;
    await add(
      intervention(
        "Physio visit",
        0,
        { type: "clinician", id: clinicianId },
        { dueDate: addDaysIso(today, 2) },
      ),
    );
    await add(intervention("Some day", 0, null, { dueDate: null }));
    await add(intervention("Already done", 0, null, { status: "done" }));
    await add(intervention("Removed step", 0, null));
    const steps = (await getCarePlanPage(coordinator, patientId)).plan!.content.interventions;
    await remove("goal", goals.find((g) => g.description === "Taken off the plan")!.id);
    await remove("intervention", steps.find((i) => i.description === "Removed step")!.id);
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: next() });

    const patient = actorFor(await createUser("patient", { patientId }));
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patient.userId);
    const expected = {
      title: "Home again",
      goals: [
        {
          text: "Sleep through the night",
          language: "en",
          status: "proposed",
          targetDate: addDaysIso(today, 10),
        },
        { text: "Walk to the shop", language: "en", status: "proposed", targetDate: addDaysIso(today, 30) },
      ],
      nextSteps: [
        { text: "Physio visit", language: "en", dueDate: addDaysIso(today, 2), owner: "Dr. Helen Park" },
        { text: "Some day", language: "en", dueDate: null, owner: null },
      ],
    };
    const withoutIds = (plan: Awaited<ReturnType<typeof getTimeline>>["plan"]) => ({
      title: plan!.title,
      goals: plan!.goals.map(({ id: _id, ...g }) => g),
      nextSteps: plan!.nextSteps.map(({ id: _id, ...s }) => s),
    });
    const own = await getTimeline(patient, patientId, {});
    expect(withoutIds(own.plan)).toEqual(expected);
    const [record] = await db().select().from(patients).where(eq(patients.id, patientId));
    expect(own.profile).toEqual({ dateOfBirth: record!.dateOfBirth, mrn: record!.mrn });
    const shared = await getTimeline(family, patientId, {});
    expect(withoutIds(shared.plan)).toEqual(expected);
    // Family see the plan, not the patient's own details.
    expect(shared.profile).toBeNull();
    expect(shared.patient).not.toHaveProperty("dateOfBirth");

    const bundle = await exportPatientBundle(patient, patientId);
    const resources = bundle.entry!.map((e) => e.resource!);
    const exported = resources.filter((r) => r.resourceType === "Goal").map((g) => g.description.text);
    expect(exported.sort()).toEqual(["Given up", "Sleep through the night", "Walk to the shop"]);
    const carePlan = resources.find((r): r is CarePlan => r.resourceType === "CarePlan" && r.id === planId);
    expect(carePlan!.activity!.map((a) => a.detail!.description).sort()).toEqual([
      "Already done",
      "Physio visit",
      "Some day",
    ]);
  });

  it("builds a plan, activates it, and keeps every save as a readable version", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Home after surgery",
      reviewDate: addDaysIso(today, 60),
      templateId: null,
    });
    await addPlanItem(coordinator, planId, {
      kind: "problem",
      description: "Lives alone after hip surgery",
      version: 1,
    });
    await addPlanItem(coordinator, planId, goal("Walk to the mailbox without help", 2, { patientSet: true }));
    const page = await getCarePlanPage(coordinator, patientId);
    const goalId = page.plan!.content.goals[0]!.id;
    await addPlanItem(
      coordinator,
      planId,
      intervention("Arrange home physiotherapy", 3, { type: "clinician", id: clinicianId }, { goalId }),
    );
    await editPlanItem(
      coordinator,
      planId,
      goalId,
      goal("Walk to the mailbox without help", 4, { status: "active" }),
    );
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 5 });

    const after = await getCarePlanPage(advocate, patientId, null, { history: true });
    expect(after.plan).toMatchObject({ status: "active", version: 6 });
    expect(after.canWrite).toBe(false);
    expect(after.plan!.content.interventions[0]).toMatchObject({
      ownerName: "Dr. Helen Park",
      goalDescription: "Walk to the mailbox without help",
    });
    expect(after.history.map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(after.history[0]!.changes).toEqual(["Status: Draft → Active."]);
    expect(after.history[1]!.changes).toEqual([
      "Goal “Walk to the mailbox without help”: status Proposed → Working on it; set by the patient yes → no.",
    ]);
    expect(after.history[3]!.changes).toEqual(["Added goal “Walk to the mailbox without help”."]);
    expect(after.history.every((v) => v.changedBy === "Casey First")).toBe(true);
    expect(await versionRows(planId)).toHaveLength(6);
    const audited = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, planId), eq(auditEvents.actorUserId, coordinator.userId)));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "care-plan.create",
        "care-plan.item-add",
        "care-plan.item-edit",
        "care-plan.transition",
      ]),
    );

    // Removing keeps the item in the history and the table.
    await removePlanItem(coordinator, planId, "goal", goalId, 6);
    const removed = await getCarePlanPage(coordinator, patientId, null, { history: true });
    expect(removed.plan!.content.goals).toHaveLength(0);
    expect(removed.plan!.content.interventions[0]!.goalId).toBeNull();
    expect(removed.history[0]!.changes).toEqual([
      "Removed goal “Walk to the mailbox without help”.",
      "Intervention “Arrange home physiotherapy”: goal “Walk to the mailbox without help” → none.",
    ]);
  });

  it("refuses a save made against a stale version, naming who saved first, and writes nothing", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    await updatePlanDetails(coordinator, planId, {
      title: "Plan, renamed",
      reviewDate: addDaysIso(today, 30),
      version: 1,
    });
    const stale = await updatePlanDetails(colleague, planId, {
      title: "Colleague's name",
      reviewDate: addDaysIso(today, 40),
      version: 1,
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as Error).message).toContain("Casey First changed this record");
    expect(await versionOf(planId)).toBe(2);
    expect(await versionRows(planId)).toHaveLength(2);
  });

  it("lets exactly one of 20 concurrent saves from the same version through", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        addPlanItem(i % 2 ? colleague : coordinator, planId, {
          kind: "problem",
          description: `Need ${i + 1}`,
          version: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(
      refused.filter((r) => !(r.reason instanceof StaleVersionError)).map((r) => String(r.reason)),
    ).toEqual([]);
    expect((await versionRows(planId)).map((v) => v.version).sort()).toEqual([1, 2]);
    expect((await getCarePlanPage(coordinator, patientId)).plan!.content.problems).toHaveLength(1);
  });

  it("refuses an owner outside the care team and the caseload, and a goal of another plan", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    const stranger = (await createClinician()).id;
    for (const owner of [
      { type: "clinician" as const, id: stranger },
      { type: "user" as const, id: outsider.userId },
    ]) {
      const error = (await addPlanItem(coordinator, planId, intervention("Call", 1, owner)).catch(
        (e: unknown) => e,
      )) as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.fieldErrors.owner?.[0]).toContain("care team");
    }
    const otherPatient = (await createPatient()).id;
    await assignToCaseload(coordinator.userId, otherPatient, "coordinator");
    const otherPlan = await startCarePlan(coordinator, otherPatient, {
      title: "Other",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    await addPlanItem(coordinator, otherPlan, goal("Someone else's goal", 1));
    const foreignGoal = (await getCarePlanPage(coordinator, otherPatient)).plan!.content.goals[0]!.id;
    const error = (await addPlanItem(
      coordinator,
      planId,
      intervention("Call", 1, { type: "user", id: colleague.userId }, { goalId: foreignGoal }),
    ).catch((e: unknown) => e)) as DomainError;
    expect(error.fieldErrors.goalId).toBeDefined();
    expect(await versionOf(planId)).toBe(1);
    // A staff member on the caseload may own it.
    await addPlanItem(coordinator, planId, intervention("Call", 1, { type: "user", id: colleague.userId }));
    expect((await getCarePlanPage(coordinator, patientId)).plan!.content.interventions[0]!.ownerName).toBe(
      "Jordan Second",
    );
  });

  it("allows only the lifecycle's moves, in the domain and in the database", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    const early = (await transitionPlan(coordinator, planId, {
      to: "active",
      reason: null,
      version: 1,
    }).catch((e: unknown) => e)) as DomainError;
    expect(early.message).toContain("at least one goal");
    const completed = (await transitionPlan(coordinator, planId, {
      to: "completed",
      reason: null,
      version: 1,
    }).catch((e: unknown) => e)) as DomainError;
    expect(completed.message).toBe("A draft plan cannot be completed.");
    expect(await versionOf(planId)).toBe(1);

    await addPlanItem(coordinator, planId, goal("Goal", 1));
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 2 });
    await transitionPlan(coordinator, planId, { to: "revoked", reason: "Moved out of the area", version: 3 });
    const closed = await addPlanItem(coordinator, planId, goal("Late goal", 4)).catch((e: unknown) => e);
    expect((closed as Error).message).toContain("revoked and can no longer change");

    await expectDatabaseError(
      db().execute(sql`update care_plans set status = 'active' where id = ${planId}`),
      {
        code: "23514",
        trigger: "care_plans_lifecycle",
        message: "a revoked care plan cannot change",
      },
    );
    await expectDatabaseError(db().execute(sql`delete from care_plan_versions where plan_id = ${planId}`), {
      code: "42501",
      trigger: "care_plan_versions_append_only",
      message: "care plan versions are append-only: delete refused",
    });
  });

  it("keeps one active plan: activating a draft completes the plan it replaces", async () => {
    const first = await startCarePlan(coordinator, patientId, {
      title: "First",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    await addPlanItem(coordinator, first, goal("Goal", 1));
    await transitionPlan(coordinator, first, { to: "active", reason: null, version: 2 });
    const second = await startCarePlan(coordinator, patientId, {
      title: "Second",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    await expect(
      startCarePlan(coordinator, patientId, {
        title: "Third",
        reviewDate: addDaysIso(today, 30),
        templateId: null,
      }),
    ).rejects.toThrow("A draft plan is already open");
    await addPlanItem(coordinator, second, goal("Goal", 1));
    await transitionPlan(coordinator, second, { to: "active", reason: null, version: 2 });
    const rows = await db()
      .select({ id: carePlans.id, status: carePlans.status, endReason: carePlans.endReason })
      .from(carePlans)
      .where(eq(carePlans.patientId, patientId));
    expect(rows.find((r) => r.id === first)).toMatchObject({
      status: "completed",
      endReason: "Replaced by “Second”.",
    });
    expect(rows.find((r) => r.id === second)?.status).toBe("active");
    const page = await getCarePlanPage(coordinator, patientId, first, { history: true });
    expect(page.history[0]!.changes).toEqual([
      "Status: Active → Completed.",
      "Reason: none → “Replaced by “Second”.”.",
    ]);
  });

  it("starts a plan from a template without changing it, and saves a plan as a new template", async () => {
    const [template] = await db().insert(carePlanTemplates).values(STARTER_TEMPLATES[0]!).returning();
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Home safely",
      reviewDate: addDaysIso(today, 30),
      templateId: template!.id,
    });
    const plan = (await getCarePlanPage(coordinator, patientId)).plan!;
    expect(plan.templateName).toBe(template!.name);
    expect(plan.content.problems).toHaveLength(STARTER_TEMPLATES[0]!.content.problems.length);
    expect(plan.content.goals[0]!.targetDate).toBe(addDaysIso(today, 7));
    expect(plan.content.interventions.every((i) => i.ownerName === "Casey First")).toBe(true);
    await editPlanItem(coordinator, planId, plan.content.goals[0]!.id, goal("Individualised goal", 1));
    const [unchanged] = await db()
      .select()
      .from(carePlanTemplates)
      .where(eq(carePlanTemplates.id, template!.id));
    expect(unchanged!.content).toEqual(STARTER_TEMPLATES[0]!.content);

    const newId = await saveAsTemplate(coordinator, planId, {
      name: "Hip surgery: home",
      description: "After a hip replacement.",
    });
    const [saved] = await db().select().from(carePlanTemplates).where(eq(carePlanTemplates.id, newId));
    expect(saved!.content.goals[0]).toMatchObject({ description: "Individualised goal", targetInDays: 30 });
    expect(saved!.content.interventions.map((i) => i.goal)).toEqual(
      STARTER_TEMPLATES[0]!.content.interventions.map((i) => i.goal),
    );
    const duplicate = (await saveAsTemplate(coordinator, planId, {
      name: "HIP SURGERY: home",
      description: "Again.",
    }).catch((e: unknown) => e)) as DomainError;
    expect(duplicate.fieldErrors.name).toBeDefined();
  });

  it("shows the patient and family what was agreed, never drafts or history; others get not-found", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 30),
      templateId: null,
    });
    const patientUser = actorFor(await createUser("patient", { patientId }));
    const family = actorFor(await createUser("family"));
    await grantFamily(family.userId, patientId, patientUser.userId);
    // The staff page is not theirs, draft or active: they read the plan through the portal.
    for (const reader of [patientUser, family]) {
      await expect(getCarePlanPage(reader, patientId)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getCarePlanPage(reader, patientId, planId)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getTimeline(reader, patientId, {})).plan).toBeNull();
    }
    await addPlanItem(coordinator, planId, goal("Goal", 1));
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 2 });
    for (const reader of [patientUser, family]) {
      const seen = await getTimeline(reader, patientId, {});
      expect(seen.plan?.title).toBe("Plan");
      expect(seen.plan?.goals.map((g) => g.text)).toEqual(["Goal"]);
    }
    // Positive control: the coordinator's page shows the plan and its history.
    expect(
      (await getCarePlanPage(coordinator, patientId, null, { history: true })).history.length,
    ).toBeGreaterThan(0);
    for (const [actor, call] of [
      [advocate, () => addPlanItem(advocate, planId, goal("Advocate goal", 3))],
      [patientUser, () => addPlanItem(patientUser, planId, goal("Patient goal", 3))],
      [outsider, () => getCarePlanPage(outsider, patientId)],
      [
        outsider,
        () => startCarePlan(outsider, patientId, { title: "X", reviewDate: today, templateId: null }),
      ],
    ] as const) {
      await expect(call(), actor.role).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("lists plans past review and interventions past due on the caseload's dashboard only", async () => {
    const planId = await startCarePlan(coordinator, patientId, {
      title: "Plan",
      reviewDate: addDaysIso(today, 1),
      templateId: null,
    });
    await addPlanItem(coordinator, planId, goal("Goal", 1));
    await addPlanItem(
      coordinator,
      planId,
      intervention("Call the pharmacy", 2, null, { dueDate: addDaysIso(today, -2) }),
    );
    await addPlanItem(
      coordinator,
      planId,
      intervention("Done already", 3, null, { dueDate: addDaysIso(today, -2), status: "done" }),
    );
    await transitionPlan(coordinator, planId, { to: "active", reason: null, version: 4 });
    // The review date passes (set directly: the forms only take dates from today on).
    await db().execute(
      sql`update care_plans set review_date = ${addDaysIso(today, -1)} where id = ${planId}`,
    );
    const mine = await getCarePlanWorklist(coordinator);
    expect(mine.dueForReview.map((p) => p.planId)).toEqual([planId]);
    expect(mine.overdue.map((i) => i.description)).toEqual(["Call the pharmacy"]);
    expect(mine.overdueTotal).toBe(1);
    const theirs = await getCarePlanWorklist(outsider);
    expect(theirs.dueForReview).toHaveLength(0);
    expect(theirs.overdue).toHaveLength(0);
    // Each view is audited, naming the patients it showed.
    expect(await auditTrail(coordinator.userId, "care-plan.worklist")).toEqual([
      expect.objectContaining({ patientId: null, details: { shown: 1, patients: [patientId] } }),
    ]);
    expect(await auditTrail(outsider.userId, "care-plan.worklist")).toEqual([
      expect.objectContaining({ details: { shown: 0, patients: [] } }),
    ]);
  });

  it("refuses the worklist to a role without a caseload, audited, with no worklist event", async () => {
    const family = actorFor(await createUser("family"));
    await expect(getCarePlanWorklist(family)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTrail(family.userId, "care-plan.worklist")).toEqual([]);
    expect(await auditTrail(family.userId, "access.denied")).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ permission: "list:caseload" }) }),
    ]);
  });
});

describe("care plan input", () => {
  const schemas = carePlanSchemas("2026-11-24");

  it("puts a clear message on each bad field", () => {
    const bad = schemas.goal.safeParse({
      description: "x",
      targetDate: "2019-01-01",
      status: "done",
      priority: "urgent",
      version: "1",
    });
    expect(bad.success).toBe(false);
    const errors = bad.error!.flatten().fieldErrors;
    expect(errors.description?.[0]).toContain("Describe the goal");
    expect(errors.targetDate?.[0]).toContain("more than a year ago");
    expect(errors.status?.[0]).toContain("Choose a status");
    expect(
      schemas.intervention
        .safeParse({ description: "Call", dueDate: "2031-01-01", status: "done", version: "1" })
        .error?.flatten().fieldErrors.dueDate?.[0],
    ).toContain("three years ahead");
    expect(
      schemas.intervention
        .safeParse({ description: "Call", owner: "someone", status: "done", version: "1" })
        .error?.flatten().fieldErrors.owner?.[0],
    ).toContain("Choose an owner");
    expect(
      schemas.start.safeParse({ title: "Plan", reviewDate: "2026-11-23" }).error?.flatten().fieldErrors
        .reviewDate?.[0],
    ).toBe("Choose today or a later date.");
    expect(
      schemas.transition.safeParse({ to: "revoked", reason: "", version: "2" }).error?.flatten().fieldErrors
        .reason?.[0],
    ).toContain("Say why");
  });

  it("reads an empty optional field as nothing and a ticked box as true", () => {
    const ok = schemas.goal.parse({
      description: "Walk daily",
      measure: "",
      targetDate: "",
      status: "active",
      priority: "high",
      patientSet: "on",
      version: "3",
    });
    expect(ok).toMatchObject({ measure: null, targetDate: null, patientSet: true, version: 3 });
  });
});

describe("the history's sentences", () => {
  const base = {
    title: "Plan",
    status: "draft" as const,
    reviewDate: "2026-12-01",
    endReason: null,
    problems: [],
    goals: [],
    interventions: [
      {
        id: "i1",
        description: "Call",
        goal: null,
        owner: null,
        dueDate: "2026-12-01",
        status: "not-started" as const,
      },
    ],
  };

  it("describes a first version and each field that changed", () => {
    expect(describeChanges(null, base)).toEqual([
      "Plan started as “Plan” with 0 problems, 0 goals, 1 intervention.",
    ]);
    expect(
      describeChanges(base, {
        ...base,
        reviewDate: "2027-01-05",
        interventions: [{ ...base.interventions[0]!, owner: "Dr. Park", dueDate: null, status: "done" }],
      }),
    ).toEqual([
      "Review date: Dec 1, 2026 → Jan 5, 2027.",
      "Intervention “Call”: owner not assigned → Dr. Park; due date Dec 1, 2026 → none; status Not started → Done.",
    ]);
    expect(describeChanges(base, base)).toEqual(["No visible change."]);
  });
});
