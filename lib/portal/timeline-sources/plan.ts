import "server-only";
import type { Executor } from "@/db/client";
import type { WrittenLanguage } from "@/db/schema";
import { unsafeReadActivePlan } from "@/lib/care-plans";

/**
 * A goal or step as the patient reads it: in plain words when the team wrote them (in the plan's
 * plain-words language), else the clinical description, which is written in English. The page
 * notes the language when it is not the reader's, and marks the text with it.
 */
export interface PlanWords {
  text: string;
  language: WrittenLanguage;
}

export interface PortalPlanSummary {
  title: string;
  goals: (PlanWords & { id: string; status: string; targetDate: string | null })[];
  nextSteps: (PlanWords & { id: string; dueDate: string | null; owner: string | null })[];
}

/** The plain words, in the plan's language, when there are any; else the description, in English. */
function wordsFor(
  language: WrittenLanguage,
  item: { description: string; plainWords: string | null },
): PlanWords {
  return item.plainWords ? { text: item.plainWords, language } : { text: item.description, language: "en" };
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
  const words = (item: Parameters<typeof wordsFor>[1]) => wordsFor(plan.plainWordsLanguage, item);
  // ISO dates sort as text; no date goes last. The sort is stable: ties stay in the plan's order.
  const target = (date: string | null) => date ?? "9999-12-31";
  return {
    title: plan.title,
    goals: plan.content.goals
      .filter((g) => g.status !== "cancelled")
      .sort((a, b) => target(a.targetDate).localeCompare(target(b.targetDate)))
      .map((g) => ({ id: g.id, ...words(g), status: g.status, targetDate: g.targetDate })),
    // The content lists interventions by due date already.
    nextSteps: plan.content.interventions
      .filter((i) => i.status !== "done" && i.status !== "cancelled")
      .slice(0, 12)
      .map((i) => ({ id: i.id, ...words(i), dueDate: i.dueDate, owner: i.ownerName })),
  };
}
