import "server-only";
import type { CodeableConcept, Goal, Reference } from "fhir/r4";
import type { RecordRow } from "./load";

const GOAL_STATUS: Record<string, Goal["lifecycleStatus"]> = {
  proposed: "proposed",
  active: "active",
  achieved: "completed",
  "not-achieved": "completed",
  cancelled: "cancelled",
};

const ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";

function achievement(status: string): CodeableConcept | undefined {
  if (status !== "achieved" && status !== "not-achieved") return undefined;
  return { coding: [{ system: ACHIEVEMENT, code: status }] };
}

/**
 * One goal of a plan. `expressedBy` names the patient when they set it themselves; a goal a
 * clinician set has no one named, since the plan does not record which clinician.
 */
export function toGoal(g: RecordRow<"goals">, subject: Reference): Goal & { id: string } {
  return {
    resourceType: "Goal",
    id: g.id,
    lifecycleStatus: GOAL_STATUS[g.status] ?? "proposed",
    achievementStatus: achievement(g.status),
    priority: { text: g.priority },
    description: { text: g.description },
    subject,
    expressedBy: g.patientSet ? subject : undefined,
    target:
      g.targetDate || g.measure
        ? [{ measure: g.measure ? { text: g.measure } : undefined, dueDate: g.targetDate ?? undefined }]
        : undefined,
  };
}
