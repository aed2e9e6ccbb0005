import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinicians } from "./care-team";
import { writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

export const CARE_PLAN_STATUSES = ["draft", "active", "completed", "revoked"] as const;
export type CarePlanStatus = (typeof CARE_PLAN_STATUSES)[number];
export const GOAL_STATUSES = ["proposed", "active", "achieved", "not-achieved", "cancelled"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_PRIORITIES = ["high", "medium", "low"] as const;
export type GoalPriority = (typeof GOAL_PRIORITIES)[number];
export const INTERVENTION_STATUSES = ["not-started", "in-progress", "done", "cancelled"] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

/** What a template holds: the parts of a plan that are not about one patient. */
export interface CarePlanTemplateContent {
  problems: string[];
  goals: { description: string; measure: string | null; priority: GoalPriority; targetInDays: number }[];
  interventions: { description: string; dueInDays: number; goal: number | null }[];
}

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

export const carePlanTemplates = pgTable(
  "care_plan_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    content: jsonb("content").$type<CarePlanTemplateContent>().notNull(),
    /** Null for the starter templates that come with the portal. */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("care_plan_templates_name_key").on(sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`),
  ],
);

/**
 * One patient's care plan. Draft → active → completed or revoked (a trigger refuses any other
 * move, migration 0007); at most one active and one draft per patient. Every saved change bumps
 * `version` and writes a care_plan_versions row with the whole plan as it then stood.
 */
export const carePlans = pgTable(
  "care_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    title: text("title").notNull(),
    status: text("status", { enum: CARE_PLAN_STATUSES }).notNull().default("draft"),
    reviewDate: date("review_date").notNull(),
    templateId: uuid("template_id").references(() => carePlanTemplates.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
    /** The language its goals and steps are put in plain words in, for the patient. */
    plainWordsLanguage: writtenLanguage("plain_words_language"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // What a decision record's same-patient key names (migration 0026).
    unique("care_plans_id_patient_key").on(t.id, t.patientId),
    index("care_plans_patient_idx").on(t.patientId, t.createdAt),
    index("care_plans_review_idx").on(t.reviewDate).where(sql`${t.status} = 'active'`),
    uniqueIndex("care_plans_one_active_key").on(t.patientId).where(sql`${t.status} = 'active'`),
    uniqueIndex("care_plans_one_draft_key").on(t.patientId).where(sql`${t.status} = 'draft'`),
    check("care_plans_plain_words_language_check", sql`${t.plainWordsLanguage} in ('en','es')`),
    check("care_plans_status_check", sql`${t.status} in (${inList(CARE_PLAN_STATUSES)})`),
    check("care_plans_ended", sql`(${t.status} in ('completed','revoked')) = (${t.endedAt} is not null)`),
    check("care_plans_activated", sql`${t.status} in ('draft','revoked') or ${t.activatedAt} is not null`),
    check("care_plans_revoked_reason", sql`${t.status} <> 'revoked' or ${t.endReason} is not null`),
  ],
);

export const carePlanProblems = pgTable(
  "care_plan_problems",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => carePlans.id),
    /** Insertion order: how the team wrote the plan, and how it reads. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    description: text("description").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Taken off the plan; kept, like every version of the plan. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("care_plan_problems_plan_idx").on(t.planId)],
);

export const carePlanGoals = pgTable(
  "care_plan_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => carePlans.id),
    /** Insertion order: how the team wrote the plan, and how it reads. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    description: text("description").notNull(),
    measure: text("measure"),
    /** The goal in plain words, in the plan's plain-words language: what the portal shows the patient. */
    plainWords: text("plain_words"),
    targetDate: date("target_date"),
    status: text("status", { enum: GOAL_STATUSES }).notNull().default("proposed"),
    priority: text("priority", { enum: GOAL_PRIORITIES }).notNull().default("medium"),
    /** The patient set this goal (rather than a clinician). */
    patientSet: boolean("patient_set").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    index("care_plan_goals_plan_idx").on(t.planId),
    check("care_plan_goals_status_check", sql`${t.status} in (${inList(GOAL_STATUSES)})`),
    check("care_plan_goals_priority_check", sql`${t.priority} in (${inList(GOAL_PRIORITIES)})`),
  ],
);

export const carePlanInterventions = pgTable(
  "care_plan_interventions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => carePlans.id),
    /** Insertion order: how the team wrote the plan, and how it reads. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    goalId: uuid("goal_id").references((): AnyPgColumn => carePlanGoals.id),
    description: text("description").notNull(),
    /** The step in plain words, in the plan's plain-words language: what the portal shows the patient. */
    plainWords: text("plain_words"),
    /** Owned by someone on the care team, or by a staff user, or not assigned yet; never both. */
    ownerClinicianId: uuid("owner_clinician_id").references(() => clinicians.id),
    ownerUserId: uuid("owner_user_id").references(() => users.id),
    dueDate: date("due_date"),
    status: text("status", { enum: INTERVENTION_STATUSES }).notNull().default("not-started"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    index("care_plan_interventions_plan_idx").on(t.planId),
    index("care_plan_interventions_open_due_idx")
      .on(t.dueDate)
      .where(sql`${t.status} in ('not-started','in-progress') and ${t.removedAt} is null`),
    check("care_plan_interventions_status_check", sql`${t.status} in (${inList(INTERVENTION_STATUSES)})`),
    check(
      "care_plan_interventions_one_owner",
      sql`${t.ownerClinicianId} is null or ${t.ownerUserId} is null`,
    ),
  ],
);

/** A problem as the plan states it. */
export interface PlanProblem {
  id: string;
  description: string;
}

/** A goal as the plan states it (the same in the live plan and in every version). */
export interface PlanGoal {
  id: string;
  description: string;
  measure: string | null;
  targetDate: string | null;
  status: GoalStatus;
  priority: GoalPriority;
  patientSet: boolean;
}

/** The plan as one version left it: what the history shows and compares. */
export interface CarePlanSnapshot {
  title: string;
  status: CarePlanStatus;
  reviewDate: string;
  endReason: string | null;
  problems: PlanProblem[];
  goals: PlanGoal[];
  interventions: {
    id: string;
    description: string;
    goal: string | null;
    owner: string | null;
    dueDate: string | null;
    status: InterventionStatus;
  }[];
}

/** Every saved state of a plan, append-only (trigger in migration 0007). */
export const carePlanVersions = pgTable(
  "care_plan_versions",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => carePlans.id),
    version: integer("version").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb("snapshot").$type<CarePlanSnapshot>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);

/**
 * What matters to the patient, in their words: the record the advocate keeps and the patient
 * edits (issues 4 and 5); the care plan shows it beside the plan.
 */
export const patientPreferences = pgTable("patient_preferences", {
  patientId: uuid("patient_id")
    .primaryKey()
    .references(() => patients.id),
  whatMattersMost: text("what_matters_most"),
  myGoals: text("my_goals"),
  treatmentPreferences: text("treatment_preferences"),
  communicationPreferences: text("communication_preferences"),
  languageNeeds: text("language_needs"),
  decisionSupport: text("decision_support"),
  whoMayBeTold: text("who_may_be_told"),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

/** The preference fields as one version left them. */
export type PreferenceSnapshot = Pick<
  typeof patientPreferences.$inferSelect,
  | "whatMattersMost"
  | "myGoals"
  | "treatmentPreferences"
  | "communicationPreferences"
  | "languageNeeds"
  | "decisionSupport"
  | "whoMayBeTold"
>;

/** Every saved state of a patient's preferences, append-only (trigger in migration 0009). */
export const patientPreferenceVersions = pgTable(
  "patient_preference_versions",
  {
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    version: integer("version").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb("snapshot").$type<PreferenceSnapshot>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.version] })],
);
