/**
 * How a demo care plan is put together from a starter template: its problems, goals and
 * interventions with statuses that fit the plan's stage, and the version history a coordinator's
 * edits would have left. Pure: the seeder inserts what this returns.
 */
import { randomUUID } from "node:crypto";
import { STARTER_TEMPLATES } from "../care-plan-templates";
import type { CarePlanSnapshot, carePlanVersions } from "../schema";
import { DAY_MS, isoDay, plusDays } from "./support";

export interface SeedPlan {
  patientId: string;
  title: string;
  template: { id: string; index: number };
  status: "draft" | "active" | "completed";
  createdAt: Date;
  reviewDate: string;
  endedAt?: Date;
  endReason?: string;
  /** Leave the first past-due intervention open, for the dashboard's overdue list. */
  overdue: boolean;
  owners: { user: { id: string; name: string }; clinician: { id: string; name: string } | null };
}

/**
 * A plan built the way a coordinator builds one: started from a template (version 1), then
 * activated a day later (version 2) and, for an earlier plan, completed (version 3).
 */
export function buildPlan(plan: SeedPlan, today: string, authorId: string) {
  const template = STARTER_TEMPLATES[plan.template.index]!.content;
  const planId = randomUUID();
  const start = isoDay(plan.createdAt);
  const problems = template.problems.map((description) => ({ id: randomUUID(), description }));
  const goals = template.goals.map((g) => ({
    id: randomUUID(),
    description: g.description,
    measure: g.measure,
    targetDate: plusDays(start, g.targetInDays),
    status: (plan.status === "draft" ? "proposed" : plan.status === "completed" ? "achieved" : "active") as
      | "proposed"
      | "active"
      | "achieved",
    priority: g.priority,
    patientSet: false,
  }));
  let leftOpen = !plan.overdue;
  const interventions = template.interventions.map((i, k) => {
    const dueDate = plusDays(start, i.dueInDays);
    const past = dueDate < today;
    const owner = k % 2 === 0 || !plan.owners.clinician ? plan.owners.user : plan.owners.clinician;
    let status: "not-started" | "in-progress" | "done" = "not-started";
    if (plan.status === "completed" || (plan.status === "active" && past)) {
      status = "done";
      if (plan.status === "active" && !leftOpen) {
        status = "in-progress";
        leftOpen = true;
      }
    } else if (plan.status === "active" && k === 0) status = "in-progress";
    return {
      id: randomUUID(),
      description: i.description,
      goalId: i.goal === null ? null : goals[i.goal]!.id,
      goal: i.goal === null ? null : goals[i.goal]!.description,
      ownerClinicianId: owner === plan.owners.clinician ? owner.id : null,
      ownerUserId: owner === plan.owners.user ? owner.id : null,
      owner: owner.name,
      dueDate,
      status,
    };
  });
  const snapshot = (status: CarePlanSnapshot["status"], endReason: string | null): CarePlanSnapshot => ({
    title: plan.title,
    status,
    reviewDate: plan.reviewDate,
    endReason,
    problems,
    goals: goals.map((g) => ({ ...g, status: status === "draft" ? "proposed" : g.status })),
    interventions: interventions.map((i) => ({
      id: i.id,
      description: i.description,
      goal: i.goal,
      owner: i.owner,
      dueDate: i.dueDate,
      status: status === "draft" ? "not-started" : i.status,
    })),
  });
  const activatedAt = plan.status === "draft" ? null : new Date(plan.createdAt.getTime() + DAY_MS);
  const versions: (typeof carePlanVersions.$inferInsert)[] = [
    { planId, version: 1, changedBy: authorId, changedAt: plan.createdAt, snapshot: snapshot("draft", null) },
  ];
  if (activatedAt)
    versions.push({
      planId,
      version: 2,
      changedBy: authorId,
      changedAt: activatedAt,
      snapshot: snapshot("active", null),
    });
  if (plan.status === "completed")
    versions.push({
      planId,
      version: 3,
      changedBy: authorId,
      changedAt: plan.endedAt!,
      snapshot: snapshot("completed", plan.endReason ?? null),
    });
  return {
    plan: {
      id: planId,
      patientId: plan.patientId,
      title: plan.title,
      status: plan.status,
      reviewDate: plan.reviewDate,
      templateId: plan.template.id,
      createdBy: authorId,
      createdAt: plan.createdAt,
      updatedBy: authorId,
      updatedAt: versions.at(-1)!.changedAt!,
      activatedAt,
      endedAt: plan.endedAt ?? null,
      endReason: plan.endReason ?? null,
      version: versions.length,
    },
    problems: problems.map((p) => ({ ...p, planId, createdAt: plan.createdAt })),
    goals: goals.map((g) => ({ ...g, planId, createdAt: plan.createdAt })),
    interventions: interventions.map(({ goal: _goal, owner: _owner, ...i }) => ({
      ...i,
      planId,
      createdAt: plan.createdAt,
    })),
    versions,
  };
}
