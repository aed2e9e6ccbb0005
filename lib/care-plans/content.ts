import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/db/client";
import {
  carePlanGoals,
  carePlanInterventions,
  carePlanProblems,
  carePlans,
  clinicians,
  type InterventionStatus,
  type PlanGoal,
  type PlanProblem,
  users,
  type WrittenLanguage,
} from "@/db/schema";

/** A goal as the plan now states it: with its plain words, in the plan's plain-words language, or null. */
export type PlanGoalNow = PlanGoal & { plainWords: string | null };

export interface PlanContent {
  problems: PlanProblem[];
  goals: PlanGoalNow[];
  interventions: {
    id: string;
    description: string;
    /** What the portal shows the patient instead of the description, in the plan's plain-words language. */
    plainWords: string | null;
    goalId: string | null;
    goalDescription: string | null;
    /** "clinician:<id>" or "user:<id>", as the owner list offers it; null when not assigned. */
    ownerKey: string | null;
    ownerName: string | null;
    dueDate: string | null;
    status: InterventionStatus;
  }[];
}

/**
 * A plan's problems, goals and interventions as they stand (removed items left out), as three
 * JSON columns in the order the plan reads, for the plan `planId` names: an id, or a column of
 * the query they go in.
 */
export function planContentColumns(planId: SQL | string): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', p.id, 'description', p.description) order by p.seq), '[]')
         from ${carePlanProblems} p
        where p.plan_id = ${planId} and p.removed_at is null) as problems,
      (select coalesce(json_agg(json_build_object(
                'id', g.id, 'description', g.description, 'measure', g.measure, 'targetDate', g.target_date,
                'status', g.status, 'priority', g.priority, 'patientSet', g.patient_set, 'plainWords', g.plain_words)
                order by g.seq), '[]')
         from ${carePlanGoals} g
        where g.plan_id = ${planId} and g.removed_at is null) as goals,
      (select coalesce(json_agg(json_build_object(
                'id', i.id, 'description', i.description, 'plainWords', i.plain_words, 'goalId', i.goal_id,
                'goalDescription', goal.description,
                'ownerKey', case when i.owner_clinician_id is not null then 'clinician:' || i.owner_clinician_id
                                 when i.owner_user_id is not null then 'user:' || i.owner_user_id end,
                'ownerName', coalesce(c.name, u.name), 'dueDate', i.due_date, 'status', i.status)
                order by i.due_date asc nulls last, i.seq), '[]')
         from ${carePlanInterventions} i
         left join ${carePlanGoals} goal on goal.id = i.goal_id
         left join ${clinicians} c on c.id = i.owner_clinician_id
         left join ${users} u on u.id = i.owner_user_id
        where i.plan_id = ${planId} and i.removed_at is null) as interventions`;
}

/** The plan's content as it stands, in one statement. */
export async function readPlanContent(executor: Executor, planId: string): Promise<PlanContent> {
  const [row] = await queryRows<PlanContent>(executor, sql`select ${planContentColumns(planId)}`);
  return row!;
}

/**
 * The patient's active plan, its title, the language its plain words are in and its content as it
 * stands, in one statement; null when there is none. Reads no policy itself: the caller has
 * authorised the actor for this patient's plan.
 */
export async function unsafeReadActivePlan(
  executor: Executor,
  patientId: string,
): Promise<{ title: string; plainWordsLanguage: WrittenLanguage; content: PlanContent } | null> {
  const [row] = await queryRows<{ title: string; plainWordsLanguage: WrittenLanguage } & PlanContent>(
    executor,
    sql`select plan.title, plan.plain_words_language as "plainWordsLanguage", ${planContentColumns(sql`plan.id`)}
          from ${carePlans} plan
         where plan.patient_id = ${patientId} and plan.status = 'active'
         limit 1`,
  );
  if (!row) return null;
  const { title, plainWordsLanguage, ...content } = row;
  return { title, plainWordsLanguage, content };
}
