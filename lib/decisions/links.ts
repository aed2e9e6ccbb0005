import "server-only";
import { and, asc, eq, inArray, isNull, ne, type SQLWrapper, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { carePlanGoals, carePlanInterventions, carePlans, decisionPlanLinks, decisions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { listOf, type PartsRead, type PartValue } from "@/lib/records/read-together";
import type { LinkInput } from "./schemas";

const NOT_HERS = "Choose a goal or an intervention on one of this patient's care plans.";

/** A goal or intervention on one of the patient's plans, not taken off it; null when it is not. */
async function planItemOf(
  executor: Executor,
  patientId: string,
  item: LinkInput["item"],
): Promise<{ id: string } | null> {
  const table = item.kind === "goal" ? carePlanGoals : carePlanInterventions;
  const [row] = await executor
    .select({ id: table.id })
    .from(table)
    .innerJoin(carePlans, eq(carePlans.id, table.planId))
    .where(and(eq(table.id, item.id), eq(carePlans.patientId, patientId), isNull(table.removedAt)));
  return row ?? null;
}

/**
 * Links a decision to a care plan goal or intervention it led to (staff who may write decisions).
 * Only an item of this patient's own plans; a link is kept once made (decision_plan_links is
 * append-only), and the same item twice is refused.
 */
export async function linkPlanItem(actor: Actor, decisionId: string, input: LinkInput): Promise<void> {
  const [decision] = await db()
    .select({ patientId: decisions.patientId })
    .from(decisions)
    .where(eq(decisions.id, decisionId));
  if (!decision) throw new NotFoundError();
  const { patientId } = decision;
  await authorizePatient(actor, "write:decision", patientId);
  await db().transaction(async (tx) => {
    if (!(await planItemOf(tx, patientId, input.item))) throw new DomainError(NOT_HERS, { item: [NOT_HERS] });
    const target = input.item.kind === "goal" ? { goalId: input.item.id } : { interventionId: input.item.id };
    const inserted = await tx
      .insert(decisionPlanLinks)
      .values({ decisionId, ...target, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: decisionPlanLinks.id });
    if (inserted.length === 0)
      throw new DomainError("This decision is already linked to that item.", {
        item: ["Already linked: choose another goal or intervention."],
      });
    await recordAudit(tx, actor, {
      action: "decision.link",
      patientId,
      entityType: "decision",
      entityId: decisionId,
      details: { [input.item.kind === "goal" ? "goalId" : "interventionId"]: input.item.id },
    });
  });
}

/** One link as the page shows it: the item, its plan, and whether it is still on the plan. */
export interface DecisionLink {
  decisionId: string;
  kind: "goal" | "intervention";
  id: string;
  description: string;
  planTitle: string;
  removed: boolean;
}

/** The goals and interventions the decisions shown led to, oldest link first, as a part of the page's read. */
export function decisionLinksPart(shown: SQLWrapper) {
  return listOf(
    {
      decisionId: decisionPlanLinks.decisionId,
      goalId: carePlanGoals.id,
      goal: carePlanGoals.description,
      goalRemovedAt: carePlanGoals.removedAt,
      interventionId: carePlanInterventions.id,
      intervention: carePlanInterventions.description,
      interventionRemovedAt: carePlanInterventions.removedAt,
      planTitle: carePlans.title,
    },
    (q) =>
      q
        .from(decisionPlanLinks)
        .leftJoin(carePlanGoals, eq(carePlanGoals.id, decisionPlanLinks.goalId))
        .leftJoin(carePlanInterventions, eq(carePlanInterventions.id, decisionPlanLinks.interventionId))
        .innerJoin(
          carePlans,
          sql`${carePlans.id} = coalesce(${carePlanGoals.planId}, ${carePlanInterventions.planId})`,
        )
        .where(inArray(decisionPlanLinks.decisionId, shown))
        .orderBy(asc(decisionPlanLinks.createdAt)),
  );
}

/** One link as read by `decisionLinksPart`, as the page shows it. */
export function toDecisionLink(r: PartValue<ReturnType<typeof decisionLinksPart>>[number]): DecisionLink {
  return {
    decisionId: r.decisionId,
    kind: r.goalId ? "goal" : "intervention",
    id: (r.goalId ?? r.interventionId)!,
    description: (r.goal ?? r.intervention)!,
    planTitle: r.planTitle,
    removed: (r.goalRemovedAt ?? r.interventionRemovedAt) !== null,
  };
}

/**
 * What the link form offers: the goals and interventions on the patient's plans that are not
 * revoked, as parts of the page's read; `toPlanItemOptions` makes them "goal:<id>" or
 * "intervention:<id>" with its plan's title.
 */
export function planItemParts(patientId: string) {
  const onHerPlans = (table: typeof carePlanGoals | typeof carePlanInterventions) =>
    listOf({ id: table.id, description: table.description, planTitle: carePlans.title }, (q) =>
      q
        .from(table)
        .innerJoin(carePlans, eq(carePlans.id, table.planId))
        .where(
          and(eq(carePlans.patientId, patientId), ne(carePlans.status, "revoked"), isNull(table.removedAt)),
        )
        .orderBy(asc(carePlans.createdAt), asc(table.seq)),
    );
  return { goals: onHerPlans(carePlanGoals), interventions: onHerPlans(carePlanInterventions) };
}

export function toPlanItemOptions({
  goals,
  interventions,
}: PartsRead<ReturnType<typeof planItemParts>>): { value: string; label: string }[] {
  return [
    ...goals.map((g) => ({ value: `goal:${g.id}`, label: `${g.planTitle}: goal: ${g.description}` })),
    ...interventions.map((i) => ({
      value: `intervention:${i.id}`,
      label: `${i.planTitle}: intervention: ${i.description}`,
    })),
  ];
}
