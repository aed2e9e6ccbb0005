import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { carePlanGoals, carePlanInterventions, carePlanProblems } from "@/db/schema";
import type { AuditDetails } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { changedFields, changePlan, type LockedPlan } from "./change";
import { resolveOwner } from "./owners";
import type { GoalInput, InterventionInput, PlanItemInput, PlanItemKind } from "./schemas";

async function checkGoalOnPlan(tx: Transaction, planId: string, goalId: string | null) {
  if (!goalId) return;
  const [goal] = await tx
    .select({ id: carePlanGoals.id })
    .from(carePlanGoals)
    .where(
      and(eq(carePlanGoals.id, goalId), eq(carePlanGoals.planId, planId), isNull(carePlanGoals.removedAt)),
    );
  if (!goal)
    throw new DomainError("Choose a goal of this plan.", { goalId: ["Choose a goal of this plan."] });
}

function goalColumns(g: GoalInput) {
  return {
    description: g.description,
    measure: g.measure,
    plainWords: g.plainWords,
    targetDate: g.targetDate,
    status: g.status,
    priority: g.priority,
    patientSet: g.patientSet,
  };
}

async function interventionColumns(
  tx: Transaction,
  plan: LockedPlan,
  i: InterventionInput,
  currentOwner: string | null = null,
) {
  await checkGoalOnPlan(tx, plan.id, i.goalId);
  return {
    description: i.description,
    plainWords: i.plainWords,
    goalId: i.goalId,
    dueDate: i.dueDate,
    status: i.status,
    ...(await resolveOwner(tx, plan.patientId, i.owner, currentOwner)),
  };
}

const ITEM_TABLES = {
  problem: carePlanProblems,
  goal: carePlanGoals,
  intervention: carePlanInterventions,
} as const;

/** Whether a new goal or step comes with plain words for the patient; problems have none. */
const withPlainWords = (item: PlanItemInput): AuditDetails =>
  item.kind === "problem" ? {} : { plainWords: Boolean(item.plainWords) };

/** The item's owner as the owner list names it, for the owner rule's "keep the current owner". */
function ownerKeyOf(row: Record<string, unknown>): string | null {
  if (row.ownerClinicianId) return `clinician:${row.ownerClinicianId}`;
  if (row.ownerUserId) return `user:${row.ownerUserId}`;
  return null;
}

/** Adds a problem, goal or intervention to an open plan. */
export async function addPlanItem(actor: Actor, planId: string, item: PlanItemInput): Promise<void> {
  await changePlan(
    actor,
    planId,
    item.version,
    { action: "care-plan.item-add", details: { kind: item.kind, ...withPlainWords(item) } },
    async (tx, plan) => {
      if (item.kind === "problem")
        await tx.insert(carePlanProblems).values({ planId, description: item.description });
      else if (item.kind === "goal") await tx.insert(carePlanGoals).values({ planId, ...goalColumns(item) });
      else
        await tx
          .insert(carePlanInterventions)
          .values({ planId, ...(await interventionColumns(tx, plan, item)) });
      return undefined;
    },
  );
}

/** Changes one item of an open plan. */
export async function editPlanItem(
  actor: Actor,
  planId: string,
  itemId: string,
  item: PlanItemInput,
): Promise<void> {
  await changePlan(
    actor,
    planId,
    item.version,
    { action: "care-plan.item-edit", details: { kind: item.kind, item: itemId } },
    async (tx, plan) => {
      const table = ITEM_TABLES[item.kind];
      const [row] = await tx
        .select()
        .from(table)
        .where(and(eq(table.id, itemId), eq(table.planId, planId), isNull(table.removedAt)));
      if (!row) throw new NotFoundError();
      const current = row as Record<string, unknown>;
      const saved = (next: Record<string, unknown>) => ({
        details: { changed: changedFields(current, next) },
      });
      if (item.kind === "problem") {
        const next = { description: item.description };
        await tx.update(carePlanProblems).set(next).where(eq(carePlanProblems.id, itemId));
        return saved(next);
      }
      if (item.kind === "goal") {
        const next = goalColumns(item);
        await tx.update(carePlanGoals).set(next).where(eq(carePlanGoals.id, itemId));
        return saved(next);
      }
      const next = await interventionColumns(tx, plan, item, ownerKeyOf(current));
      await tx.update(carePlanInterventions).set(next).where(eq(carePlanInterventions.id, itemId));
      return saved(next);
    },
  );
}

/** Takes an item off an open plan; it stays in the plan's history (and in the table, marked removed). */
export async function removePlanItem(
  actor: Actor,
  planId: string,
  kind: PlanItemKind,
  itemId: string,
  version: number,
): Promise<void> {
  await changePlan(
    actor,
    planId,
    version,
    { action: "care-plan.item-remove", details: { kind, item: itemId } },
    async (tx) => {
      const table = ITEM_TABLES[kind];
      const removed = await tx
        .update(table)
        .set({ removedAt: sql`now()` })
        .where(and(eq(table.id, itemId), eq(table.planId, planId), isNull(table.removedAt)))
        .returning({ id: table.id });
      if (removed.length === 0) throw new NotFoundError();
      if (kind === "goal")
        await tx
          .update(carePlanInterventions)
          .set({ goalId: null })
          .where(eq(carePlanInterventions.goalId, itemId));
      return undefined;
    },
  );
}
