import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { alias, type PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Executor, queryRows, type Transaction } from "@/db/client";
import {
  type CarePlanSnapshot,
  type CarePlanStatus,
  type CarePlanTemplateContent,
  carePlanGoals,
  carePlanInterventions,
  carePlanProblems,
  carePlans,
  carePlanTemplates,
  carePlanVersions,
  careTeamMembers,
  caseloadAssignments,
  clinicians,
  type GoalPriority,
  type GoalStatus,
  type InterventionStatus,
  patients,
  users,
} from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  authorizeGlobal,
  authorizePatient,
  can,
  inCurrentCaseload,
  type PatientAccess,
} from "@/lib/authz";
import { DomainError, NotFoundError, pgErrorCode, StaleVersionError } from "@/lib/errors";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";
import { type PatientPreferences, unsafeReadPatientPreferences } from "@/lib/preferences";
import { addDaysIso, zonedDate } from "@/lib/time";
import { userName } from "@/lib/users/name";
import { describeChanges } from "./diff";
import {
  type GoalInput,
  type InterventionInput,
  PLAN_STATUS_LABELS,
  PLAN_TRANSITIONS,
  type PlanDetailsInput,
  type PlanItemInput,
  type PlanItemKind,
  type StartPlanInput,
  type TemplateInput,
  type TransitionInput,
} from "./schemas";

export * from "./schemas";

export interface PlanSummary {
  id: string;
  title: string;
  status: CarePlanStatus;
  reviewDate: string;
  createdAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
}

export interface PlanContent {
  problems: { id: string; description: string }[];
  goals: {
    id: string;
    description: string;
    measure: string | null;
    targetDate: string | null;
    status: GoalStatus;
    priority: GoalPriority;
    patientSet: boolean;
  }[];
  interventions: {
    id: string;
    description: string;
    goalId: string | null;
    goalDescription: string | null;
    /** "clinician:<id>" or "user:<id>", as the owner list offers it; null when not assigned. */
    ownerKey: string | null;
    ownerName: string | null;
    dueDate: string | null;
    status: InterventionStatus;
  }[];
}

export interface PlanDetail extends PlanSummary {
  version: number;
  endReason: string | null;
  updatedAt: Date;
  updatedByName: string;
  templateName: string | null;
  content: PlanContent;
}

export interface PlanVersionEntry {
  version: number;
  changedAt: Date;
  changedBy: string;
  changes: string[];
}

export interface CarePlanPage {
  patient: PatientHeader;
  /** Staff see drafts and the version history; the patient and family see what was agreed. */
  staff: boolean;
  canWrite: boolean;
  today: string;
  plans: PlanSummary[];
  plan: PlanDetail | null;
  history: PlanVersionEntry[];
  owners: { value: string; label: string }[];
  templates: { id: string; name: string; description: string }[];
  preferences: PatientPreferences | null;
  canReadPreferences: boolean;
  /** For the print view: whom the patient and family can call about the plan. */
  contacts: { name: string; email: string; kind: "coordinator" | "advocate" }[];
}

const HISTORY_LIMIT = 50;
const OWNER_REFUSED = "Choose an owner who is on this patient's care team or assigned to the patient.";

const summaryColumns = {
  id: carePlans.id,
  title: carePlans.title,
  status: carePlans.status,
  reviewDate: carePlans.reviewDate,
  createdAt: carePlans.createdAt,
  activatedAt: carePlans.activatedAt,
  endedAt: carePlans.endedAt,
};

/**
 * A plan's problems, goals and interventions as they stand (removed items left out), as three
 * JSON columns in the order the plan reads, for the plan `planId` names: an id, or a column of
 * the query they go in.
 */
function planContentColumns(planId: SQL | string): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', p.id, 'description', p.description) order by p.seq), '[]')
         from ${carePlanProblems} p
        where p.plan_id = ${planId} and p.removed_at is null) as problems,
      (select coalesce(json_agg(json_build_object(
                'id', g.id, 'description', g.description, 'measure', g.measure, 'targetDate', g.target_date,
                'status', g.status, 'priority', g.priority, 'patientSet', g.patient_set) order by g.seq), '[]')
         from ${carePlanGoals} g
        where g.plan_id = ${planId} and g.removed_at is null) as goals,
      (select coalesce(json_agg(json_build_object(
                'id', i.id, 'description', i.description, 'goalId', i.goal_id, 'goalDescription', goal.description,
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
async function readPlanContent(executor: Executor, planId: string): Promise<PlanContent> {
  const [row] = await queryRows<PlanContent>(executor, sql`select ${planContentColumns(planId)}`);
  return row!;
}

/**
 * The patient's active plan, its title and its content as it stands, in one statement; null when
 * there is none. Reads no policy itself: the caller has authorised the actor for this patient's plan.
 */
export async function unsafeReadActivePlan(
  executor: Executor,
  patientId: string,
): Promise<{ title: string; content: PlanContent } | null> {
  const [row] = await queryRows<{ title: string } & PlanContent>(
    executor,
    sql`select plan.title, ${planContentColumns(sql`plan.id`)}
          from ${carePlans} plan
         where plan.patient_id = ${patientId} and plan.status = 'active'
         limit 1`,
  );
  if (!row) return null;
  const { title, ...content } = row;
  return { title, content };
}

/** Writes the plan as it now stands as its newest version. */
async function writeVersion(tx: Transaction, planId: string, userId: string): Promise<number> {
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

async function planPatientId(planId: string): Promise<string> {
  const [row] = await db()
    .select({ patientId: carePlans.patientId })
    .from(carePlans)
    .where(eq(carePlans.id, planId));
  if (!row) throw new NotFoundError();
  return row.patientId;
}

interface LockedPlan {
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
async function changePlan(
  actor: Actor,
  planId: string,
  version: number,
  audit: { action: AuditAction; details?: AuditDetails },
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
    await tx
      .update(carePlans)
      .set({ ...set, version: version + 1, updatedBy: actor.userId, updatedAt: sql`now()` })
      .where(eq(carePlans.id, planId));
    await writeVersion(tx, planId, actor.userId);
    await recordAudit(tx, actor, {
      action: audit.action,
      patientId,
      entityType: "care_plan",
      entityId: planId,
      details: { ...audit.details, version: version + 1 },
    });
  });
}

/** The owner must be on the patient's care team or caseload; an owner already on the item may stay. */
async function resolveOwner(
  tx: Transaction,
  patientId: string,
  owner: InterventionInput["owner"],
  current: string | null = null,
): Promise<{ ownerClinicianId: string | null; ownerUserId: string | null }> {
  if (!owner) return { ownerClinicianId: null, ownerUserId: null };
  const keep = current === `${owner.type}:${owner.id}`;
  if (owner.type === "clinician") {
    if (!keep) {
      const [member] = await tx
        .select({ id: careTeamMembers.id })
        .from(careTeamMembers)
        .where(
          and(
            eq(careTeamMembers.patientId, patientId),
            eq(careTeamMembers.clinicianId, owner.id),
            isNull(careTeamMembers.archivedAt),
          ),
        )
        .limit(1);
      if (!member) throw new DomainError(OWNER_REFUSED, { owner: [OWNER_REFUSED] });
    }
    return { ownerClinicianId: owner.id, ownerUserId: null };
  }
  if (!keep) {
    const [assigned] = await tx
      .select({ id: caseloadAssignments.id })
      .from(caseloadAssignments)
      .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
      .where(
        and(
          eq(caseloadAssignments.patientId, patientId),
          eq(caseloadAssignments.staffUserId, owner.id),
          isNull(caseloadAssignments.endedAt),
          eq(users.active, true),
        ),
      )
      .limit(1);
    if (!assigned) throw new DomainError(OWNER_REFUSED, { owner: [OWNER_REFUSED] });
  }
  return { ownerClinicianId: null, ownerUserId: owner.id };
}

async function checkGoalOnPlan(tx: Transaction, planId: string, goalId: string | null) {
  if (!goalId) return;
  const [goal] = await tx
    .select({ id: carePlanGoals.id })
    .from(carePlanGoals)
    .where(
      and(eq(carePlanGoals.id, goalId), eq(carePlanGoals.planId, planId), isNull(carePlanGoals.removedAt)),
    );
  if (!goal)
    throw new DomainError("Choose a goal of this plan.", { goalId: ["Choose a goal of this plan."] });
}

function goalColumns(g: GoalInput) {
  return {
    description: g.description,
    measure: g.measure,
    targetDate: g.targetDate,
    status: g.status,
    priority: g.priority,
    patientSet: g.patientSet,
  };
}

async function interventionColumns(
  tx: Transaction,
  plan: LockedPlan,
  i: InterventionInput,
  currentOwner: string | null = null,
) {
  await checkGoalOnPlan(tx, plan.id, i.goalId);
  return {
    description: i.description,
    goalId: i.goalId,
    dueDate: i.dueDate,
    status: i.status,
    ...(await resolveOwner(tx, plan.patientId, i.owner, currentOwner)),
  };
}

const ITEM_TABLES = {
  problem: carePlanProblems,
  goal: carePlanGoals,
  intervention: carePlanInterventions,
} as const;

/** Adds a problem, goal or intervention to an open plan. */
export async function addPlanItem(actor: Actor, planId: string, item: PlanItemInput): Promise<void> {
  await changePlan(
    actor,
    planId,
    item.version,
    { action: "care-plan.item-add", details: { kind: item.kind } },
    async (tx, plan) => {
      if (item.kind === "problem")
        await tx.insert(carePlanProblems).values({ planId, description: item.description });
      else if (item.kind === "goal") await tx.insert(carePlanGoals).values({ planId, ...goalColumns(item) });
      else
        await tx
          .insert(carePlanInterventions)
          .values({ planId, ...(await interventionColumns(tx, plan, item)) });
      return undefined;
    },
  );
}

/** Changes one item of an open plan. */
export async function editPlanItem(
  actor: Actor,
  planId: string,
  itemId: string,
  item: PlanItemInput,
): Promise<void> {
  await changePlan(
    actor,
    planId,
    item.version,
    { action: "care-plan.item-edit", details: { kind: item.kind, item: itemId } },
    async (tx, plan) => {
      const table = ITEM_TABLES[item.kind];
      const [current] = await tx
        .select({
          id: table.id,
          ownerKey:
            item.kind === "intervention"
              ? sql<string | null>`case
                  when ${carePlanInterventions.ownerClinicianId} is not null then 'clinician:' || ${carePlanInterventions.ownerClinicianId}
                  when ${carePlanInterventions.ownerUserId} is not null then 'user:' || ${carePlanInterventions.ownerUserId} end`
              : sql<null>`null`,
        })
        .from(table)
        .where(and(eq(table.id, itemId), eq(table.planId, planId), isNull(table.removedAt)));
      if (!current) throw new NotFoundError();
      if (item.kind === "problem")
        await tx
          .update(carePlanProblems)
          .set({ description: item.description })
          .where(eq(carePlanProblems.id, itemId));
      else if (item.kind === "goal")
        await tx.update(carePlanGoals).set(goalColumns(item)).where(eq(carePlanGoals.id, itemId));
      else
        await tx
          .update(carePlanInterventions)
          .set(await interventionColumns(tx, plan, item, current.ownerKey))
          .where(eq(carePlanInterventions.id, itemId));
      return undefined;
    },
  );
}

/** Takes an item off an open plan; it stays in the plan's history (and in the table, marked removed). */
export async function removePlanItem(
  actor: Actor,
  planId: string,
  kind: PlanItemKind,
  itemId: string,
  version: number,
): Promise<void> {
  await changePlan(
    actor,
    planId,
    version,
    { action: "care-plan.item-remove", details: { kind, item: itemId } },
    async (tx) => {
      const table = ITEM_TABLES[kind];
      const removed = await tx
        .update(table)
        .set({ removedAt: sql`now()` })
        .where(and(eq(table.id, itemId), eq(table.planId, planId), isNull(table.removedAt)))
        .returning({ id: table.id });
      if (removed.length === 0) throw new NotFoundError();
      if (kind === "goal")
        await tx
          .update(carePlanInterventions)
          .set({ goalId: null })
          .where(eq(carePlanInterventions.goalId, itemId));
      return undefined;
    },
  );
}

/** Renames the plan or moves its review date. */
export async function updatePlanDetails(
  actor: Actor,
  planId: string,
  input: PlanDetailsInput,
): Promise<void> {
  await changePlan(actor, planId, input.version, { action: "care-plan.edit" }, async () => ({
    title: input.title,
    reviewDate: input.reviewDate,
  }));
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
      if (input.to !== "active") return { status: input.to, endedAt: sql`now()`, endReason: input.reason };
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
        .select({ id: carePlans.id, version: carePlans.version })
        .from(carePlans)
        .where(and(eq(carePlans.patientId, plan.patientId), eq(carePlans.status, "active")))
        .for("update");
      if (replaced) {
        await tx
          .update(carePlans)
          .set({
            status: "completed",
            endedAt: sql`now()`,
            endReason: `Replaced by “${plan.title}”.`,
            version: replaced.version + 1,
            updatedBy: actor.userId,
            updatedAt: sql`now()`,
          })
          .where(eq(carePlans.id, replaced.id));
        await writeVersion(tx, replaced.id, actor.userId);
        await recordAudit(tx, actor, {
          action: "care-plan.transition",
          patientId: plan.patientId,
          entityType: "care_plan",
          entityId: replaced.id,
          details: { to: "completed", replacedBy: planId, version: replaced.version + 1 },
        });
      }
      return { status: "active", activatedAt: sql`now()` };
    },
  );
}

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
      const [plan] = await tx
        .insert(carePlans)
        .values({
          patientId,
          title: input.title,
          reviewDate: input.reviewDate,
          templateId: input.templateId,
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
        details: { template: input.templateId },
      });
      return planId;
    });
  } catch (error) {
    // Two people starting a plan at once: the unique index lets one in.
    if (pgErrorCode(error) === "23505") throw new DomainError(DRAFT_OPEN);
    throw error;
  }
}

/** The template's items on a new plan, dated from today, owned by the coordinator who started it. */
async function copyTemplate(
  tx: Transaction,
  planId: string,
  template: CarePlanTemplateContent,
  owner: Actor | null,
) {
  const today = zonedDate();
  if (template.problems.length)
    await tx
      .insert(carePlanProblems)
      .values(template.problems.map((description) => ({ planId, description })));
  const goalIds: string[] = [];
  for (const g of template.goals) {
    const [row] = await tx
      .insert(carePlanGoals)
      .values({
        planId,
        description: g.description,
        measure: g.measure,
        priority: g.priority,
        targetDate: addDaysIso(today, g.targetInDays),
      })
      .returning({ id: carePlanGoals.id });
    goalIds.push(row!.id);
  }
  if (template.interventions.length)
    await tx.insert(carePlanInterventions).values(
      template.interventions.map((i) => ({
        planId,
        description: i.description,
        goalId: i.goal === null ? null : (goalIds[i.goal] ?? null),
        dueDate: addDaysIso(today, i.dueInDays),
        ownerUserId: owner?.userId ?? null,
      })),
    );
}

function daysFrom(start: string, end: string | null, fallback: number): number {
  if (!end) return fallback;
  return Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000));
}

/** Saves a plan's problems, goals and interventions as a new template (dates become offsets, owners are dropped). */
export async function saveAsTemplate(actor: Actor, planId: string, input: TemplateInput): Promise<string> {
  const patientId = await planPatientId(planId);
  await authorizePatient(actor, "write:carePlan", patientId);
  try {
    return await db().transaction(async (tx) => {
      const [[plan], content] = await Promise.all([
        tx.select({ createdAt: carePlans.createdAt }).from(carePlans).where(eq(carePlans.id, planId)),
        readPlanContent(tx, planId),
      ]);
      if (!plan) throw new NotFoundError();
      if (content.goals.length === 0)
        throw new DomainError("Add at least one goal to the plan before saving it as a template.");
      const start = zonedDate(plan.createdAt);
      const goalIndex = new Map(content.goals.map((g, k) => [g.id, k]));
      const templateContent: CarePlanTemplateContent = {
        problems: content.problems.map((p) => p.description),
        goals: content.goals.map((g) => ({
          description: g.description,
          measure: g.measure,
          priority: g.priority,
          targetInDays: daysFrom(start, g.targetDate, 90),
        })),
        interventions: content.interventions.map((i) => ({
          description: i.description,
          dueInDays: daysFrom(start, i.dueDate, 14),
          goal: i.goalId === null ? null : (goalIndex.get(i.goalId) ?? null),
        })),
      };
      const [row] = await tx
        .insert(carePlanTemplates)
        .values({ ...input, content: templateContent, createdBy: actor.userId })
        .returning({ id: carePlanTemplates.id });
      await recordAudit(tx, actor, {
        action: "care-plan.template-save",
        patientId,
        entityType: "care_plan_template",
        entityId: row!.id,
        details: { fromPlan: planId },
      });
      return row!.id;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") {
      const message = "A template with this name already exists. Choose another name.";
      throw new DomainError(message, { name: [message] });
    }
    throw error;
  }
}

/** The coordinators and advocates assigned to the patient now. */
function caseloadStaff(executor: Executor, patientId: string) {
  return executor
    .select({ id: users.id, name: users.name, email: users.email, kind: caseloadAssignments.kind })
    .from(caseloadAssignments)
    .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
    .where(
      and(
        eq(caseloadAssignments.patientId, patientId),
        isNull(caseloadAssignments.endedAt),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(caseloadAssignments.kind), asc(users.name));
}

/** Who can own an intervention: the patient's care team and the staff assigned to them. */
async function ownerCandidates(executor: Executor, patientId: string) {
  const [team, staff] = await Promise.all([
    executor
      .select({ id: clinicians.id, name: clinicians.name, discipline: clinicians.discipline })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
      .orderBy(asc(clinicians.name)),
    caseloadStaff(executor, patientId),
  ]);
  return { team, staff };
}

/** The owner list: the candidates, and anyone who already owns an intervention on the plan. */
function ownerOptions(
  { team, staff }: Awaited<ReturnType<typeof ownerCandidates>>,
  content: PlanContent,
): { value: string; label: string }[] {
  const options = [
    { value: "", label: "Not assigned yet" },
    ...team.map((c) => ({ value: `clinician:${c.id}`, label: `${c.name} (${c.discipline})` })),
    ...staff.map((s) => ({ value: `user:${s.id}`, label: `${s.name} (${s.kind})` })),
  ];
  const offered = new Set(options.map((o) => o.value));
  for (const i of content.interventions) {
    if (i.ownerKey && !offered.has(i.ownerKey)) {
      offered.add(i.ownerKey);
      options.push({ value: i.ownerKey, label: `${i.ownerName} (no longer on the care team)` });
    }
  }
  return options;
}

/**
 * One patient's care plans for the care-plan page: the list, the chosen plan (by default the
 * active one, else the draft) with its content and, for staff, its version history.
 */
export async function getCarePlanPage(
  actor: Actor,
  patientId: string,
  planId: string | null = null,
  { print = false }: { print?: boolean } = {},
): Promise<CarePlanPage> {
  const access = await authorizePatient(actor, "read:carePlan", patientId);
  const staff = can(actor, "read:teamNotes", access);
  const canWrite = can(actor, "write:carePlan", access);
  const canReadPreferences = can(actor, "read:preferences", access);
  const database = db();
  const updater = alias(users, "updater");
  const [patient, planRows, preferences, templates, contactRows] = await Promise.all([
    unsafeReadPatientHeader(database, patientId),
    // Each plan with what the page shows of the chosen one: a patient has a handful of plans.
    database
      .select({
        ...summaryColumns,
        version: carePlans.version,
        endReason: carePlans.endReason,
        updatedAt: carePlans.updatedAt,
        updatedByName: updater.name,
        templateName: carePlanTemplates.name,
      })
      .from(carePlans)
      .innerJoin(updater, eq(updater.id, carePlans.updatedBy))
      .leftJoin(carePlanTemplates, eq(carePlanTemplates.id, carePlans.templateId))
      // Drafts (and drafts withdrawn before use) are working papers of the team.
      .where(and(eq(carePlans.patientId, patientId), staff ? undefined : isNotNull(carePlans.activatedAt)))
      .orderBy(desc(carePlans.createdAt)),
    canReadPreferences ? unsafeReadPatientPreferences(database, patientId) : null,
    canWrite && !print
      ? database
          .select({
            id: carePlanTemplates.id,
            name: carePlanTemplates.name,
            description: carePlanTemplates.description,
          })
          .from(carePlanTemplates)
          .where(isNull(carePlanTemplates.archivedAt))
          .orderBy(asc(carePlanTemplates.name))
      : [],
    print ? caseloadStaff(database, patientId) : [],
  ]);
  const contacts = contactRows.map(({ name, email, kind }) => ({ name, email, kind }));
  const plans: PlanSummary[] = planRows.map(
    ({ version: _v, endReason: _e, updatedAt: _u, updatedByName: _n, templateName: _t, ...summary }) =>
      summary,
  );
  const chosen = planId
    ? planRows.find((p) => p.id === planId)
    : (planRows.find((p) => p.status === "active") ??
      planRows.find((p) => p.status === "draft") ??
      planRows[0]);
  if (planId && !chosen) throw new NotFoundError();
  let plan: PlanDetail | null = null;
  let history: PlanVersionEntry[] = [];
  let owners: CarePlanPage["owners"] = [];
  if (chosen) {
    const offersOwners = canWrite && !print && PLAN_TRANSITIONS[chosen.status].length > 0;
    const [content, versions, candidates] = await Promise.all([
      readPlanContent(database, chosen.id),
      staff && !print
        ? database
            .select({
              version: carePlanVersions.version,
              changedAt: carePlanVersions.changedAt,
              changedBy: users.name,
              snapshot: carePlanVersions.snapshot,
            })
            .from(carePlanVersions)
            .innerJoin(users, eq(users.id, carePlanVersions.changedBy))
            .where(eq(carePlanVersions.planId, chosen.id))
            .orderBy(desc(carePlanVersions.version))
            .limit(HISTORY_LIMIT + 1)
        : [],
      offersOwners ? ownerCandidates(database, patientId) : null,
    ]);
    plan = { ...chosen, content };
    history = versions.slice(0, HISTORY_LIMIT).map((v, k) => ({
      version: v.version,
      changedAt: v.changedAt,
      changedBy: v.changedBy,
      changes: describeChanges(versions[k + 1]?.snapshot ?? null, v.snapshot),
    }));
    if (candidates) owners = ownerOptions(candidates, content);
  }
  await recordAudit(database, actor, {
    action: "care-plan.view",
    patientId,
    entityType: "care_plan",
    entityId: chosen?.id ?? null,
    details: { print },
  });
  return {
    patient,
    staff,
    canWrite,
    today: zonedDate(),
    plans,
    plan,
    history,
    owners,
    templates,
    preferences,
    canReadPreferences,
    contacts,
  };
}

export interface CarePlanWorklist {
  dueForReviewTotal: number;
  overdueTotal: number;
  dueForReview: {
    planId: string;
    title: string;
    reviewDate: string;
    patientId: string;
    patientName: string;
  }[];
  overdue: {
    id: string;
    description: string;
    dueDate: string;
    ownerName: string | null;
    patientId: string;
    patientName: string;
  }[];
}

/** For the dashboard: active plans past their review date and interventions past due, in the caseload. */
export async function getCarePlanWorklist(actor: Actor, limit = 8): Promise<CarePlanWorklist> {
  await authorizeGlobal(actor, "list:caseload");
  const today = zonedDate();
  const database = db();
  const inCaseload = inCurrentCaseload(actor.userId);
  const patientName = sql<string>`${patients.givenName} || ' ' || ${patients.familyName}`;
  // How many there are in all, beside the first few listed.
  const total = sql<number>`count(*) over ()`.mapWith(Number);
  const [dueForReview, overdue] = await Promise.all([
    database
      .select({
        planId: carePlans.id,
        title: carePlans.title,
        reviewDate: carePlans.reviewDate,
        patientId: patients.id,
        patientName,
        total,
      })
      .from(carePlans)
      .innerJoin(patients, eq(patients.id, carePlans.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, carePlans.patientId))
      .where(and(inCaseload, eq(carePlans.status, "active"), lte(carePlans.reviewDate, today)))
      .orderBy(asc(carePlans.reviewDate), asc(patients.familyName))
      .limit(limit),
    database
      .select({
        id: carePlanInterventions.id,
        description: carePlanInterventions.description,
        dueDate: sql<string>`${carePlanInterventions.dueDate}`,
        ownerName: sql<string | null>`coalesce(${clinicians.name}, ${users.name})`,
        patientId: patients.id,
        patientName,
        total,
      })
      .from(carePlanInterventions)
      .innerJoin(carePlans, eq(carePlans.id, carePlanInterventions.planId))
      .innerJoin(patients, eq(patients.id, carePlans.patientId))
      .innerJoin(caseloadAssignments, eq(caseloadAssignments.patientId, carePlans.patientId))
      .leftJoin(clinicians, eq(clinicians.id, carePlanInterventions.ownerClinicianId))
      .leftJoin(users, eq(users.id, carePlanInterventions.ownerUserId))
      .where(
        and(
          inCaseload,
          eq(carePlans.status, "active"),
          isNull(carePlanInterventions.removedAt),
          inArray(carePlanInterventions.status, ["not-started", "in-progress"]),
          lt(carePlanInterventions.dueDate, today),
        ),
      )
      .orderBy(asc(carePlanInterventions.dueDate), asc(patients.familyName))
      .limit(limit),
  ]);
  const strip = <T extends { total: number }>(rows: T[]) => rows.map(({ total: _total, ...row }) => row);
  return {
    dueForReview: strip(dueForReview),
    overdue: strip(overdue),
    dueForReviewTotal: dueForReview[0]?.total ?? 0,
    overdueTotal: overdue[0]?.total ?? 0,
  };
}
