import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type CarePlanTemplateContent, carePlanGoals, carePlans, carePlanTemplates } from "@/db/schema";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, pgErrorCode } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { zonedDate } from "@/lib/time";
import { changedFields, changePlan, commitPlanVersion, writeVersion } from "./change";
import {
  PLAN_STATUS_LABELS,
  PLAN_TRANSITIONS,
  type PlanDetailsInput,
  type StartPlanInput,
  type TransitionInput,
} from "./schemas";
import { copyTemplate } from "./templates";

const DRAFT_OPEN =
  "A draft plan is already open for this patient. Finish it or withdraw it before starting another.";

/** Starts a draft plan, blank or from a template; the template itself is never changed. */
export async function startCarePlan(actor: Actor, patientId: string, input: StartPlanInput): Promise<string> {
  const access = await authorizePatient(actor, "write:carePlan", patientId);
  try {
    return await db().transaction(async (tx) => {
      const [draft] = await tx
        .select({ id: carePlans.id })
        .from(carePlans)
        .where(and(eq(carePlans.patientId, patientId), eq(carePlans.status, "draft")))
        .limit(1);
      if (draft) throw new DomainError(DRAFT_OPEN);
      let template: CarePlanTemplateContent | null = null;
      if (input.templateId) {
        const [row] = await tx
          .select({ content: carePlanTemplates.content })
          .from(carePlanTemplates)
          .where(and(eq(carePlanTemplates.id, input.templateId), isNull(carePlanTemplates.archivedAt)));
        if (!row) {
          const message = "That template is no longer available. Choose another.";
          throw new DomainError(message, { templateId: [message] });
        }
        template = row.content;
      }
      const plainWordsLanguage =
        input.plainWordsLanguage ?? (await unsafeReadLanguageNeed(tx, patientId)).defaultLanguage;
      const [plan] = await tx
        .insert(carePlans)
        .values({
          patientId,
          title: input.title,
          reviewDate: input.reviewDate,
          templateId: input.templateId,
          plainWordsLanguage,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: carePlans.id });
      const planId = plan!.id;
      if (template)
        await copyTemplate(tx, planId, template, access.relationships.includes("caseload") ? actor : null);
      await writeVersion(tx, planId, actor.userId);
      await recordAudit(tx, actor, {
        action: "care-plan.create",
        patientId,
        entityType: "care_plan",
        entityId: planId,
        details: { template: input.templateId, plainWordsLanguage },
      });
      return planId;
    });
  } catch (error) {
    // Two people starting a plan at once: the unique index lets one in.
    if (pgErrorCode(error) === "23505") throw new DomainError(DRAFT_OPEN);
    throw error;
  }
}

/**
 * Renames the plan, moves its review date, or changes the language its plain words are written in
 * (left as it is when the input names none).
 */
export async function updatePlanDetails(
  actor: Actor,
  planId: string,
  input: PlanDetailsInput,
): Promise<void> {
  await changePlan(actor, planId, input.version, { action: "care-plan.edit" }, async (_tx, plan) => {
    const set = {
      title: input.title,
      reviewDate: input.reviewDate,
      plainWordsLanguage: input.plainWordsLanguage,
    };
    const changed = changedFields(plan, set);
    // The languages are named (they are not the plan's words); the title and date are only said to have changed.
    const language: AuditDetails =
      set.plainWordsLanguage && changed.includes("plainWordsLanguage")
        ? { plainWordsLanguage: set.plainWordsLanguage, fromPlainWordsLanguage: plan.plainWordsLanguage }
        : {};
    return { set, details: { changed, ...language } };
  });
}

const VERBS = { active: "activated", completed: "completed", revoked: "revoked" } as const;

/**
 * Moves a plan along its lifecycle. Activating a draft completes the plan it replaces in the same
 * transaction, so the patient always has at most one active plan.
 */
export async function transitionPlan(actor: Actor, planId: string, input: TransitionInput): Promise<void> {
  await changePlan(
    actor,
    planId,
    input.version,
    { action: "care-plan.transition", details: { to: input.to } },
    async (tx, plan) => {
      if (!PLAN_TRANSITIONS[plan.status].includes(input.to)) {
        const message = `A ${PLAN_STATUS_LABELS[plan.status].toLowerCase()} plan cannot be ${VERBS[input.to]}.`;
        throw new DomainError(message, { to: [message] });
      }
      if (input.to !== "active")
        return { set: { status: input.to, endedAt: sql`now()`, endReason: input.reason } };
      const [goals] = await tx
        .select({ n: count() })
        .from(carePlanGoals)
        .where(and(eq(carePlanGoals.planId, planId), isNull(carePlanGoals.removedAt)));
      if (!goals?.n) throw new DomainError("Add at least one goal before activating the plan.");
      if (plan.reviewDate < zonedDate()) {
        const message = "The review date has passed. Set a new review date, then activate the plan.";
        throw new DomainError(message, { reviewDate: [message] });
      }
      const [replaced] = await tx
        .select()
        .from(carePlans)
        .where(and(eq(carePlans.patientId, plan.patientId), eq(carePlans.status, "active")))
        .for("update");
      if (replaced)
        await commitPlanVersion(
          tx,
          actor,
          replaced,
          { status: "completed", endedAt: sql`now()`, endReason: `Replaced by “${plan.title}”.` },
          { action: "care-plan.transition", details: { to: "completed", replacedBy: planId } },
        );
      return { set: { status: "active", activatedAt: sql`now()` } };
    },
  );
}
