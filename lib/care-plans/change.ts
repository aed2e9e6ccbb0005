import "server-only";
import { eq } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db/client";
import { carePlans, carePlanVersions } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditDetails } from "@/lib/audit/record";
import type { Actor, PatientAccess } from "@/lib/authz";
import { DomainError, NotFoundError } from "@/lib/errors";
import { changeVersioned, type Row, saveVersion, versionedRecord } from "@/lib/records/versioned-change";
import { readPlanContent } from "./content";
import type { PlanSnapshot } from "./diff";
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
        plainWordsLanguage: carePlans.plainWordsLanguage,
        version: carePlans.version,
      })
      .from(carePlans)
      .where(eq(carePlans.id, planId)),
    readPlanContent(tx, planId),
  ]);
  if (!plan) throw new NotFoundError();
  const snapshot: PlanSnapshot = {
    title: plan.title,
    status: plan.status,
    reviewDate: plan.reviewDate,
    endReason: plan.endReason,
    plainWordsLanguage: plan.plainWordsLanguage,
    problems: content.problems,
    goals: content.goals,
    interventions: content.interventions.map((i) => ({
      id: i.id,
      description: i.description,
      plainWords: i.plainWords,
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

/** What a change to a plan sets on the plan's row, and what its audit event adds (names, never text). */
export interface PlanChange {
  set?: PgUpdateSetSource<typeof carePlans>;
  details?: AuditDetails;
}

/** Care plans as the versioned-change helper sees them (docs/decisions/010). */
const CARE_PLAN = versionedRecord({
  table: carePlans,
  entityType: "care_plan",
  patientId: carePlans.patientId,
});

/** What every change writes besides the row: the whole plan as this version left it. */
const snapshotAs = (planId: string, userId: string) => async (tx: Transaction) => {
  await writeVersion(tx, planId, userId);
};

/**
 * Saves a change to a plan the transaction has locked as the plan's next version: the row with the
 * new version number, the snapshot of the plan as it now stands, and the audit event, together.
 */
export async function commitPlanVersion(
  tx: Transaction,
  actor: Actor,
  plan: LockedPlan,
  set: PgUpdateSetSource<typeof carePlans>,
  audit: PlanAudit,
): Promise<void> {
  await saveVersion(tx, actor, CARE_PLAN, plan, set, {
    action: audit.action,
    patientId: plan.patientId,
    details: { ...audit.details, version: plan.version + 1 },
  });
  await snapshotAs(plan.id, actor.userId)(tx);
}

export type LockedPlan = Row<typeof carePlans>;

/** The names of the columns a change gives a new value, for the audit event: what changed, never the text. */
export function changedFields(current: Record<string, unknown>, next: Record<string, unknown>): string[] {
  return Object.keys(next).filter((k) => next[k] !== undefined && (current[k] ?? null) !== (next[k] ?? null));
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
  change: (tx: Transaction, plan: LockedPlan, access: PatientAccess) => Promise<PlanChange | undefined>,
): Promise<void> {
  await changeVersioned(actor, CARE_PLAN, {
    id: planId,
    version,
    permission: "write:carePlan",
    audit,
    change: async (tx, plan, access) => {
      if (PLAN_TRANSITIONS[plan.status].length === 0)
        throw new DomainError(
          `This plan is ${PLAN_STATUS_LABELS[plan.status].toLowerCase()} and can no longer change. Start a new plan instead.`,
        );
      const changed = await change(tx, plan, access);
      return {
        set: changed?.set,
        details: { ...changed?.details, version: version + 1 },
        after: snapshotAs(planId, actor.userId),
      };
    },
  });
}
