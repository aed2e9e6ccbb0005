import "server-only";
import { eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import {
  type CarePlanTemplateContent,
  carePlanGoals,
  carePlanInterventions,
  carePlanProblems,
  carePlans,
  carePlanTemplates,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError, pgErrorCode } from "@/lib/errors";
import { addDaysIso, zonedDate } from "@/lib/time";
import { planPatientId } from "./change";
import { readPlanContent } from "./content";
import type { TemplateInput } from "./schemas";

/** The template's items on a new plan, dated from today, owned by the coordinator who started it. */
export async function copyTemplate(
  tx: Transaction,
  planId: string,
  template: CarePlanTemplateContent,
  owner: Actor | null,
) {
  const today = zonedDate();
  if (template.problems.length)
    await tx
      .insert(carePlanProblems)
      .values(template.problems.map((description) => ({ planId, description })));
  const goalIds: string[] = [];
  for (const g of template.goals) {
    const [row] = await tx
      .insert(carePlanGoals)
      .values({
        planId,
        description: g.description,
        measure: g.measure,
        priority: g.priority,
        targetDate: addDaysIso(today, g.targetInDays),
      })
      .returning({ id: carePlanGoals.id });
    goalIds.push(row!.id);
  }
  if (template.interventions.length)
    await tx.insert(carePlanInterventions).values(
      template.interventions.map((i) => ({
        planId,
        description: i.description,
        goalId: i.goal === null ? null : (goalIds[i.goal] ?? null),
        dueDate: addDaysIso(today, i.dueInDays),
        ownerUserId: owner?.userId ?? null,
      })),
    );
}

function daysFrom(start: string, end: string | null, fallback: number): number {
  if (!end) return fallback;
  return Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000));
}

/** Saves a plan's problems, goals and interventions as a new template (dates become offsets, owners are dropped). */
export async function saveAsTemplate(actor: Actor, planId: string, input: TemplateInput): Promise<string> {
  const patientId = await planPatientId(planId);
  await authorizePatient(actor, "write:carePlan", patientId);
  try {
    return await db().transaction(async (tx) => {
      const [[plan], content] = await Promise.all([
        tx.select({ createdAt: carePlans.createdAt }).from(carePlans).where(eq(carePlans.id, planId)),
        readPlanContent(tx, planId),
      ]);
      if (!plan) throw new NotFoundError();
      if (content.goals.length === 0)
        throw new DomainError("Add at least one goal to the plan before saving it as a template.");
      const start = zonedDate(plan.createdAt);
      const goalIndex = new Map(content.goals.map((g, k) => [g.id, k]));
      const templateContent: CarePlanTemplateContent = {
        problems: content.problems.map((p) => p.description),
        goals: content.goals.map((g) => ({
          description: g.description,
          measure: g.measure,
          priority: g.priority,
          targetInDays: daysFrom(start, g.targetDate, 90),
        })),
        interventions: content.interventions.map((i) => ({
          description: i.description,
          dueInDays: daysFrom(start, i.dueDate, 14),
          goal: i.goalId === null ? null : (goalIndex.get(i.goalId) ?? null),
        })),
      };
      const [row] = await tx
        .insert(carePlanTemplates)
        .values({ ...input, content: templateContent, createdBy: actor.userId })
        .returning({ id: carePlanTemplates.id });
      await recordAudit(tx, actor, {
        action: "care-plan.template-save",
        patientId,
        entityType: "care_plan_template",
        entityId: row!.id,
        details: { fromPlan: planId },
      });
      return row!.id;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") {
      const message = "A template with this name already exists. Choose another name.";
      throw new DomainError(message, { name: [message] });
    }
    throw error;
  }
}
