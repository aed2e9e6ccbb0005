import "server-only";
import type { Executor } from "@/db/client";
import { unsafeReadActivePlan } from "@/lib/care-plans";

export interface PortalPlanSummary {
  title: string;
  goals: { id: string; description: string; status: string; targetDate: string | null }[];
  nextSteps: { id: string; description: string; dueDate: string | null; owner: string | null }[];
}

/**
 * The active plan in plain words: its goals by target date (cancelled ones left out), and the
 * first twelve steps still to do, by due date, with who does them.
 */
export async function readPlanSummary(
  executor: Executor,
  patientId: string,
): Promise<PortalPlanSummary | null> {
  const plan = await unsafeReadActivePlan(executor, patientId);
  if (!plan) return null;
  // ISO dates sort as text; no date goes last. The sort is stable: ties stay in the plan's order.
  const target = (date: string | null) => date ?? "9999-12-31";
  return {
    title: plan.title,
    goals: plan.content.goals
      .filter((g) => g.status !== "cancelled")
      .sort((a, b) => target(a.targetDate).localeCompare(target(b.targetDate)))
      .map(({ id, description, status, targetDate }) => ({ id, description, status, targetDate })),
    // The content lists interventions by due date already.
    nextSteps: plan.content.interventions
      .filter((i) => i.status !== "done" && i.status !== "cancelled")
      .slice(0, 12)
      .map(({ id, description, dueDate, ownerName }) => ({ id, description, dueDate, owner: ownerName })),
  };
}
