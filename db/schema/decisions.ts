import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { carePlanGoals, carePlanInterventions, carePlans } from "./care-plans";
import { writtenLanguage } from "./languages";
import { patients } from "./patients";
import { editStamps } from "./stamps";
import { users } from "./users";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/** The health care agent (proxy) the patient named, and the alternates after them, in order. */
export const AGENT_RANKS = ["agent", "alternate"] as const;

/** Who may decide for the patient when she cannot. Archived when replaced, never deleted. */
export const careAgents = pgTable(
  "care_agents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    rank: text("rank", { enum: AGENT_RANKS }).notNull(),
    /** Order among alternates (1 first); 0 for the agent. */
    position: integer("position").notNull().default(0),
    name: text("name").notNull(),
    relationship: text("relationship").notNull(),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    ...editStamps(),
  },
  (t) => [
    index("care_agents_patient_idx").on(t.patientId),
    uniqueIndex("care_agents_one_agent_key")
      .on(t.patientId)
      .where(sql`${t.rank} = 'agent' and ${t.archivedAt} is null`),
    uniqueIndex("care_agents_alternate_order_key")
      .on(t.patientId, t.position)
      .where(sql`${t.rank} = 'alternate' and ${t.archivedAt} is null`),
    check("care_agents_rank_check", sql`${t.rank} in (${inList(AGENT_RANKS)})`),
    check(
      "care_agents_position_check",
      sql`(${t.rank} = 'agent') = (${t.position} = 0) and ${t.position} >= 0`,
    ),
    check("care_agents_contact_check", sql`${t.phone} is not null or ${t.email} is not null`),
    check("care_agents_name_check", sql`char_length(${t.name}) between 1 and 200`),
  ],
);

export const DIRECTIVE_KINDS = [
  "health-care-proxy",
  "living-will",
  "polst",
  "dnr-order",
  "psychiatric-advance-directive",
  "other",
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/**
 * An advance directive document: its kind, the date signed, where the original is, and a scan
 * (PDF only) kept behind the same policy as a conversation's attachments. Archived, never deleted.
 */
export const advanceDirectives = pgTable(
  "advance_directives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    kind: text("kind", { enum: DIRECTIVE_KINDS }).notNull(),
    signedOn: date("signed_on").notNull(),
    originalLocation: text("original_location").notNull(),
    fileName: text("file_name"),
    sizeBytes: integer("size_bytes"),
    content: bytea("content"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    archivedBy: uuid("archived_by").references(() => users.id),
  },
  (t) => [
    index("advance_directives_patient_idx").on(t.patientId),
    check("advance_directives_kind_check", sql`${t.kind} in (${inList(DIRECTIVE_KINDS)})`),
    check(
      "advance_directives_file_check",
      sql`(${t.content} is null and ${t.fileName} is null and ${t.sizeBytes} is null) or (${t.sizeBytes} between 1 and 10485760 and ${t.sizeBytes} = octet_length(${t.content}) and char_length(${t.fileName}) between 1 and 200)`,
    ),
    check("advance_directives_archived", sql`(${t.archivedAt} is null) = (${t.archivedBy} is null)`),
  ],
);

/** What the patient wants if her heart or breathing stops, as she chose it. */
export const CODE_STATUS_WISHES = [
  "full-treatment",
  "no-cpr",
  "no-cpr-no-intubation",
  "comfort-only",
  "undecided",
] as const;
export type CodeStatusWish = (typeof CODE_STATUS_WISHES)[number];

/** Her code-status wishes and her words for them; one row per patient, versioned. */
export const careWishes = pgTable(
  "care_wishes",
  {
    patientId: uuid("patient_id")
      .primaryKey()
      .references(() => patients.id),
    codeStatus: text("code_status", { enum: CODE_STATUS_WISHES }).notNull(),
    inHerWords: text("in_her_words"),
    language: writtenLanguage("language"),
    ...editStamps(),
  },
  (t) => [
    check("care_wishes_code_status_check", sql`${t.codeStatus} in (${inList(CODE_STATUS_WISHES)})`),
    check("care_wishes_language_check", sql`${t.language} in ('en','es')`),
  ],
);

/** The patient's word on a decision record: not yet asked, it says what I decided, it does not. */
export const DECISION_CONFIRMATIONS = ["pending", "confirmed", "disputed"] as const;
export type DecisionConfirmation = (typeof DECISION_CONFIRMATIONS)[number];
export const PARTICIPANT_KINDS = ["patient", "family", "agent", "advocate", "clinician", "other"] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export interface DecisionParticipant {
  kind: ParticipantKind;
  name: string;
}

/**
 * A treatment decision: the options considered, what matters to her (the preferences record's
 * words at the time), her choice in her words, who took part, the date. Flagged when she says it
 * does not say what she decided, or the advocate says her voice is not reflected, until resolved.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    carePlanId: uuid("care_plan_id").references(() => carePlans.id),
    topic: text("topic").notNull(),
    options: text("options").array().notNull(),
    whatMatters: text("what_matters"),
    /** The preferences record's version the "what matters" was taken from. */
    preferencesVersion: integer("preferences_version"),
    choiceInHerWords: text("choice_in_her_words").notNull(),
    language: writtenLanguage("language"),
    participants: jsonb("participants").$type<DecisionParticipant[]>().notNull(),
    decidedOn: date("decided_on").notNull(),
    confirmation: text("confirmation", { enum: DECISION_CONFIRMATIONS }).notNull().default("pending"),
    confirmationAt: timestamp("confirmation_at", { withTimezone: true }),
    confirmationBy: uuid("confirmation_by").references(() => users.id),
    patientComment: text("patient_comment"),
    voiceNotReflectedAt: timestamp("voice_not_reflected_at", { withTimezone: true }),
    voiceNotReflectedBy: uuid("voice_not_reflected_by").references(() => users.id),
    voiceNote: text("voice_note"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolution: text("resolution"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    ...editStamps(),
  },
  (t) => [
    // The plan it shaped is the same patient's.
    foreignKey({
      name: "decisions_plan_same_patient_fk",
      columns: [t.carePlanId, t.patientId],
      foreignColumns: [carePlans.id, carePlans.patientId],
    }),
    index("decisions_patient_idx").on(t.patientId, t.decidedOn),
    index("decisions_flagged_idx")
      .on(t.patientId)
      .where(
        sql`${t.resolvedAt} is null and (${t.confirmation} = 'disputed' or ${t.voiceNotReflectedAt} is not null)`,
      ),
    check("decisions_confirmation_check", sql`${t.confirmation} in (${inList(DECISION_CONFIRMATIONS)})`),
    check("decisions_language_check", sql`${t.language} in ('en','es')`),
    check("decisions_options_check", sql`cardinality(${t.options}) >= 1`),
    check("decisions_participants_array", sql`jsonb_typeof(${t.participants}) = 'array'`),
    check(
      "decisions_confirmed_by_whom",
      sql`(${t.confirmation} = 'pending') = (${t.confirmationAt} is null and ${t.confirmationBy} is null)`,
    ),
    check(
      "decisions_disputed_comment",
      sql`${t.confirmation} <> 'disputed' or ${t.patientComment} is not null`,
    ),
    check(
      "decisions_voice_flag",
      sql`(${t.voiceNotReflectedAt} is null) = (${t.voiceNotReflectedBy} is null) and (${t.voiceNotReflectedAt} is null or ${t.voiceNote} is not null)`,
    ),
    check(
      "decisions_resolution",
      sql`(${t.resolvedAt} is null) = (${t.resolvedBy} is null and ${t.resolution} is null)`,
    ),
    check(
      "decisions_resolved_only_when_flagged",
      sql`${t.resolvedAt} is null or ${t.patientComment} is not null or ${t.voiceNotReflectedAt} is not null`,
    ),
  ],
);

/** The care plan goals and interventions a decision led to. */
export const decisionPlanLinks = pgTable(
  "decision_plan_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id),
    goalId: uuid("goal_id").references(() => carePlanGoals.id),
    interventionId: uuid("intervention_id").references(() => carePlanInterventions.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("decision_plan_links_decision_idx").on(t.decisionId),
    uniqueIndex("decision_plan_links_goal_key")
      .on(t.decisionId, t.goalId)
      .where(sql`${t.goalId} is not null`),
    uniqueIndex("decision_plan_links_intervention_key")
      .on(t.decisionId, t.interventionId)
      .where(sql`${t.interventionId} is not null`),
    check("decision_plan_links_one_target", sql`(${t.goalId} is null) <> (${t.interventionId} is null)`),
  ],
);

/** Every saved state of a decision record, append-only (migration 0026). */
export const decisionVersions = pgTable(
  "decision_versions",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id),
    version: integer("version").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb("snapshot").notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.version] })],
);

/** Every saved state of her code-status wishes, append-only (migration 0026). */
export const careWishVersions = pgTable(
  "care_wish_versions",
  {
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    version: integer("version").notNull(),
    changedBy: uuid("changed_by")
      .notNull()
      .references(() => users.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb("snapshot").notNull(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.version] })],
);
