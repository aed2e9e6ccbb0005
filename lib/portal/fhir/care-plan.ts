import "server-only";
import type { CarePlan, CarePlanActivity, Reference } from "fhir/r4";
import type { RecordRow } from "./load";
import type { PractitionerDirectory } from "./practitioner";
import { referenceTo } from "./references";

const PLAN_STATUS: Record<string, CarePlan["status"]> = {
  active: "active",
  completed: "completed",
  revoked: "revoked",
};
type ActivityStatus = NonNullable<CarePlanActivity["detail"]>["status"];
const ACTIVITY_STATUS: Record<string, ActivityStatus> = {
  "not-started": "not-started",
  "in-progress": "in-progress",
  done: "completed",
  cancelled: "cancelled",
};

/** Who a step of the plan is for: someone on the team, a staff member, or nobody yet. */
function performer(a: RecordRow<"activities">, people: PractitionerDirectory): Reference[] | undefined {
  if (a.ownerClinician) return [people.clinician(a.ownerClinician)];
  if (a.ownerUser) return [people.staff(a.ownerUser)];
  return undefined;
}

/** A plan as it stands, pointing at its goals and the care team; its steps are activities in it. */
export function toCarePlan(
  plan: RecordRow<"plans">,
  context: {
    subject: Reference;
    careTeam: Reference;
    goals: RecordRow<"goals">[];
    activities: RecordRow<"activities">[];
    people: PractitionerDirectory;
  },
): CarePlan & { id: string } {
  const goals = context.goals.filter((g) => g.planId === plan.id);
  // Only goals in the export are pointed at; a goal taken off the plan is not one of them.
  const onPlan = new Set(goals.map((g) => g.id));
  return {
    resourceType: "CarePlan",
    id: plan.id,
    status: PLAN_STATUS[plan.status] ?? "unknown",
    intent: "plan",
    title: plan.title,
    subject: context.subject,
    created: plan.createdAt.toISOString(),
    period: {
      start: plan.activatedAt?.toISOString(),
      end: plan.endedAt?.toISOString(),
    },
    careTeam: [context.careTeam],
    goal: goals.map((g) => referenceTo("Goal", g.id)),
    activity: context.activities
      .filter((a) => a.planId === plan.id)
      .map((a) => ({
        detail: {
          status: ACTIVITY_STATUS[a.status] ?? "unknown",
          description: a.description,
          scheduledString: a.dueDate ?? undefined,
          goal: a.goalId && onPlan.has(a.goalId) ? [referenceTo("Goal", a.goalId)] : undefined,
          performer: performer(a, context.people),
        },
      })),
  };
}
