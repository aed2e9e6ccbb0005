import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { carePlans, decisions, patientPreferences } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned } from "@/lib/records/versioned-change";
import type { DecisionInput } from "./schemas";
import { DECISION, writeDecisionVersion } from "./versions";

/** A care plan named on a decision must be one of the patient's own. */
async function checkPlan(executor: Executor, patientId: string, carePlanId: string | null): Promise<void> {
  if (!carePlanId) return;
  const [plan] = await executor
    .select({ id: carePlans.id })
    .from(carePlans)
    .where(and(eq(carePlans.id, carePlanId), eq(carePlans.patientId, patientId)));
  if (!plan)
    throw new DomainError("That care plan is not one of this patient's.", {
      carePlanId: ["Choose one of this patient's care plans, or none."],
    });
}

/**
 * Records a treatment decision (staff who may write decisions for the patient). "What matters"
 * is copied from her preferences record as it stands, with its version, so the decision keeps
 * what mattered to her then. Version 1 is written beside it; returns the new id.
 */
export async function recordDecision(actor: Actor, patientId: string, input: DecisionInput): Promise<string> {
  await authorizePatient(actor, "write:decision", patientId);
  return db().transaction(async (tx) => {
    await checkPlan(tx, patientId, input.carePlanId);
    const [preferences] = await tx
      .select({ whatMattersMost: patientPreferences.whatMattersMost, version: patientPreferences.version })
      .from(patientPreferences)
      .where(eq(patientPreferences.patientId, patientId));
    const [row] = await tx
      .insert(decisions)
      .values({
        patientId,
        carePlanId: input.carePlanId,
        topic: input.topic,
        options: input.options,
        whatMatters: preferences?.whatMattersMost ?? null,
        preferencesVersion: preferences?.whatMattersMost ? preferences.version : null,
        choiceInHerWords: input.choiceInHerWords,
        language: input.language,
        participants: input.participants,
        decidedOn: input.decidedOn,
        recordedBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: decisions.id });
    const id = row!.id;
    await writeDecisionVersion(tx, id, actor.userId);
    await recordAudit(tx, actor, {
      action: "decision.create",
      patientId,
      entityType: "decision",
      entityId: id,
      details: {
        version: 1,
        options: input.options.length,
        participants: input.participants.length,
        carePlanId: input.carePlanId,
        preferencesVersion: preferences?.whatMattersMost ? preferences.version : null,
      },
    });
    return id;
  });
}

/** The parts of the record she confirms: a change to any of them is a record she has not seen. */
const HER_WORDS = ["topic", "options", "choiceInHerWords", "language", "participants", "decidedOn"] as const;

/**
 * Saves an edit as the decision's next version. A flag stays until it is resolved; a record she
 * had confirmed whose words change goes back to "not asked yet", so she is asked about them again.
 */
export async function editDecision(
  actor: Actor,
  decisionId: string,
  input: DecisionInput & { version: number },
): Promise<number> {
  const { version, ...next } = input;
  return changeVersioned(actor, DECISION, {
    id: decisionId,
    version,
    permission: "write:decision",
    audit: { action: "decision.update" },
    change: async (tx, row) => {
      await checkPlan(tx, row.patientId, next.carePlanId);
      const changed = [...HER_WORDS, "carePlanId" as const].filter(
        (k) => JSON.stringify(row[k]) !== JSON.stringify(next[k]),
      );
      const askAgain = row.confirmation === "confirmed" && changed.some((k) => k !== "carePlanId");
      return {
        set: {
          ...next,
          ...(askAgain
            ? { confirmation: "pending" as const, confirmationAt: null, confirmationBy: null }
            : {}),
        },
        details: { fields: changed, askAgain, version: version + 1 },
        after: (t) => writeDecisionVersion(t, decisionId, actor.userId),
      };
    },
  });
}
