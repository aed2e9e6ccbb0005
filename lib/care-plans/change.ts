import "server-only";
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db/client";
import { type CarePlanSnapshot, type CarePlanStatus, carePlans, carePlanVersions } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, type PatientAccess } from "@/lib/authz";
import { DomainError, NotFoundError, StaleVersionError } from "@/lib/errors";
import { userName } from "@/lib/users/name";
import { readPlanContent } from "./content";
import { PLAN_STATUS_LABELS, PLAN_TRANSITIONS } from "./schemas";

/** Writes the plan as it now stands as its newest version. */
export async function writeVersion(tx: Transaction, planId: string, userId: string): Promise<number> {
  const [[plan], content] = await Promise.all([
    tx
      .select({
        title: carePlans.title,
        status: carePlans.status,
        reviewDate: carePlans.reviewDate,
        endReason: carePlans.endReason,
        version: carePlans.version,
      })
      .from(carePlans)
      .where(eq(carePlans.id, planId)),
    readPlanContent(tx, planId),
  ]);
  if (!plan) throw new NotFoundError();
  const snapshot: CarePlanSnapshot = {
    title: plan.title,
    status: plan.status,
    reviewDate: plan.reviewDate,
    endReason: plan.endReason,
    problems: content.problems,
    goals: content.goals,
    interventions: content.interventions.map((i) => ({
      id: i.id,
      description: i.description,
      goal: i.goalDescription,
      owner: i.ownerName,
      dueDate: i.dueDate,
      status: i.status,
    })),
  };
  await tx.insert(carePlanVersions).values({ planId, version: plan.version, changedBy: userId, snapshot });
  return plan.version;
}

export async function planPatientId(planId: string): Promise<string> {
  const [row] = await db()
    .select({ patientId: carePlans.patientId })
    .from(carePlans)
    .where(eq(carePlans.id, planId));
  if (!row) throw new NotFoundError();
  return row.patientId;
}

type PlanAudit = { action: AuditAction; details?: AuditDetails };

/**
 * Saves a change to a plan the transaction has locked as the plan's next version: the row with the
 * new version number, the snapshot of the plan as it now stands, and the audit event, together.
 */
export async function commitPlanVersion(
  tx: Transaction,
  actor: Actor,
  plan: { id: string; patientId: string; version: number },
  set: PgUpdateSetSource<typeof carePlans>,
  audit: PlanAudit,
): Promise<void> {
  const next = plan.version + 1;
  await tx
    .update(carePlans)
    .set({ ...set, version: next, updatedBy: actor.userId, updatedAt: sql`now()` })
    .where(eq(carePlans.id, plan.id));
  await writeVersion(tx, plan.id, actor.userId);
  await recordAudit(tx, actor, {
    action: audit.action,
    patientId: plan.patientId,
    entityType: "care_plan",
    entityId: plan.id,
    details: { ...audit.details, version: next },
  });
}

export interface LockedPlan {
  id: string;
  patientId: string;
  title: string;
  status: CarePlanStatus;
  reviewDate: string;
  createdAt: Date;
}

/**
 * Every change to a plan goes through here: the actor may write the patient's plan, the save was
 * made against the version they saw (else it is refused, naming who saved first), the plan is
 * still open, and the change, the new version row and the audit event commit together.
 */
export async function changePlan(
  actor: Actor,
  planId: string,
  version: number,
  audit: PlanAudit,
  change: (
    tx: Transaction,
    plan: LockedPlan,
    access: PatientAccess,
  ) => Promise<PgUpdateSetSource<typeof carePlans> | undefined>,
): Promise<void> {
  const patientId = await planPatientId(planId);
  const access = await authorizePatient(actor, "write:carePlan", patientId);
  await db().transaction(async (tx) => {
    // Locked on its own, without joins (see userName).
    const [plan] = await tx
      .select({
        id: carePlans.id,
        patientId: carePlans.patientId,
        title: carePlans.title,
        status: carePlans.status,
        reviewDate: carePlans.reviewDate,
        createdAt: carePlans.createdAt,
        version: carePlans.version,
        updatedBy: carePlans.updatedBy,
      })
      .from(carePlans)
      .where(eq(carePlans.id, planId))
      .for("update");
    if (!plan) throw new NotFoundError();
    if (plan.version !== version) throw new StaleVersionError(await userName(tx, plan.updatedBy));
    if (PLAN_TRANSITIONS[plan.status].length === 0)
      throw new DomainError(
        `This plan is ${PLAN_STATUS_LABELS[plan.status].toLowerCase()} and can no longer change. Start a new plan instead.`,
      );
    const set = (await change(tx, plan, access)) ?? {};
    await commitPlanVersion(tx, actor, { id: planId, patientId, version }, set, audit);
  });
}
