import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { writtenLanguage } from "./languages";
import { patients } from "./patients";
import { editStamps } from "./stamps";
import { users } from "./users";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/**
 * The social-needs domains a screening can find and a service can meet: the AHC HRSN core five
 * (living situation split as the guide scores it: housing instability and housing quality) and its
 * supplemental domains, so another instrument added as data can name them without a migration.
 */
export const NEED_DOMAINS = [
  "housing-instability",
  "housing-quality",
  "food",
  "transportation",
  "utilities",
  "safety",
  "financial-strain",
  "employment",
  "family-community-support",
  "education",
  "physical-activity",
  "substance-use",
  "mental-health",
  "disabilities",
] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

/** An instrument's text and scoring, as data (lib/screening/instrument.ts reads it). */
export const QUESTIONNAIRE_STATUSES = ["active", "retired"] as const;

/**
 * A screening instrument kept as a FHIR R4 Questionnaire (with its Spanish text in the standard
 * translation extension) and the scoring rules that turn answers into positive domains. One row per
 * url and version: a new version is a new row, so every response keeps the text it was answered in.
 */
export const questionnaires = pgTable(
  "questionnaires",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    url: text("url").notNull(),
    version: text("version").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: QUESTIONNAIRE_STATUSES }).notNull().default("active"),
    /** The FHIR Questionnaire resource. */
    resource: jsonb("resource").notNull(),
    /** The scoring rules, domain by domain (ScoringRule[] in lib/screening/instrument.ts). */
    scoring: jsonb("scoring").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("questionnaires_url_version_key").on(t.url, t.version),
    check("questionnaires_status_check", sql`${t.status} in (${inList(QUESTIONNAIRE_STATUSES)})`),
    check("questionnaires_resource_type", sql`${t.resource}->>'resourceType' = 'Questionnaire'`),
  ],
);

export const RESPONSE_STATUSES = ["in-progress", "completed"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
/** Who filled it in: the patient in the portal, or staff with her. */
export const RESPONSE_SOURCES = ["patient", "staff"] as const;

/**
 * One screening of one patient: a FHIR QuestionnaireResponse's answers by linkId (answer codes),
 * saved as she goes while in progress; completed, it never changes (trigger in migration 0026).
 */
export const questionnaireResponses = pgTable(
  "questionnaire_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    questionnaireId: uuid("questionnaire_id")
      .notNull()
      .references(() => questionnaires.id),
    status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("in-progress"),
    source: text("source", { enum: RESPONSE_SOURCES }).notNull(),
    /** linkId → the codes chosen (one for a single choice, any for "choose all"). */
    answers: jsonb("answers").$type<Record<string, string[]>>().notNull().default({}),
    /** The language the questions were shown in. */
    language: writtenLanguage("language"),
    startedBy: uuid("started_by")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    completedBy: uuid("completed_by").references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    ...editStamps(),
  },
  (t) => [
    unique("questionnaire_responses_id_patient_key").on(t.id, t.patientId),
    index("questionnaire_responses_patient_idx").on(t.patientId, t.startedAt),
    uniqueIndex("questionnaire_responses_one_open_key")
      .on(t.patientId, t.questionnaireId)
      .where(sql`${t.status} = 'in-progress'`),
    check("questionnaire_responses_status_check", sql`${t.status} in (${inList(RESPONSE_STATUSES)})`),
    check("questionnaire_responses_source_check", sql`${t.source} in (${inList(RESPONSE_SOURCES)})`),
    check("questionnaire_responses_language_check", sql`${t.language} in ('en','es')`),
    check("questionnaire_responses_answers_object", sql`jsonb_typeof(${t.answers}) = 'object'`),
    check(
      "questionnaire_responses_completed",
      sql`(${t.status} = 'completed') = (${t.completedAt} is not null and ${t.completedBy} is not null)`,
    ),
  ],
);

/**
 * What scoring a completed response found, one row per domain the instrument scores (a FHIR
 * Observation each): positive or not, and the score where the rule sums one.
 */
export const screeningResults = pgTable(
  "screening_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    responseId: uuid("response_id")
      .notNull()
      .references(() => questionnaireResponses.id),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    domain: text("domain", { enum: NEED_DOMAINS }).notNull(),
    positive: boolean("positive").notNull(),
    score: integer("score"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A result is the screened patient's: the response and the row name the same patient.
    foreignKey({
      name: "screening_results_same_patient_fk",
      columns: [t.responseId, t.patientId],
      foreignColumns: [questionnaireResponses.id, questionnaireResponses.patientId],
    }),
    unique("screening_results_response_domain_key").on(t.responseId, t.domain),
    index("screening_results_patient_idx").on(t.patientId),
    check("screening_results_domain_check", sql`${t.domain} in (${inList(NEED_DOMAINS)})`),
  ],
);

/**
 * open → referred (a referral went out) → met (a referral completed, or the patient said so);
 * a referral that ends without help, or the patient saying it did not work, reopens it; the
 * patient may decline help and change her mind.
 */
export const NEED_STATUSES = ["open", "referred", "met", "declined"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_TRANSITIONS: readonly (readonly [NeedStatus, NeedStatus])[] = [
  ["open", "referred"],
  ["referred", "open"],
  ["referred", "met"],
  ["open", "met"],
  ["met", "open"],
  ["open", "declined"],
  ["declined", "open"],
];
/** Why a need is met: the database accepts no other (migration 0026). */
export const NEED_MET_REASONS = ["referral-completed", "patient-said"] as const;
export type NeedMetReason = (typeof NEED_MET_REASONS)[number];

const needPairs = sql.raw(NEED_TRANSITIONS.map(([from, to]) => `'${from}>${to}'`).join(","));

/** A social need on the patient's record: from a screening's positive domain, or noted by staff. */
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    domain: text("domain", { enum: NEED_DOMAINS }).notNull(),
    status: text("status", { enum: NEED_STATUSES }).notNull().default("open"),
    /** The screening that found it; null when staff noted it in conversation. */
    responseId: uuid("response_id").references(() => questionnaireResponses.id),
    identifiedAt: timestamp("identified_at", { withTimezone: true }).notNull().defaultNow(),
    identifiedBy: uuid("identified_by")
      .notNull()
      .references(() => users.id),
    note: text("note"),
    metAt: timestamp("met_at", { withTimezone: true }),
    metReason: text("met_reason", { enum: NEED_MET_REASONS }),
    ...editStamps(),
  },
  (t) => [
    // A need found by a screening is the screened patient's.
    foreignKey({
      name: "needs_response_same_patient_fk",
      columns: [t.responseId, t.patientId],
      foreignColumns: [questionnaireResponses.id, questionnaireResponses.patientId],
    }),
    unique("needs_id_patient_key").on(t.id, t.patientId),
    index("needs_patient_idx").on(t.patientId, t.identifiedAt),
    uniqueIndex("needs_one_unmet_per_domain_key")
      .on(t.patientId, t.domain)
      .where(sql`${t.status} in ('open','referred')`),
    check("needs_domain_check", sql`${t.domain} in (${inList(NEED_DOMAINS)})`),
    check("needs_status_check", sql`${t.status} in (${inList(NEED_STATUSES)})`),
    check(
      "needs_met_reason",
      sql`(${t.status} = 'met') = (${t.metAt} is not null and ${t.metReason} is not null) and (${t.metReason} is null or ${t.metReason} in (${inList(NEED_MET_REASONS)}))`,
    ),
  ],
);

/** Every move of a need, append-only (migration 0026). */
export const needTransitions = pgTable(
  "need_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note"),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("need_transitions_need_idx").on(t.needId, t.at),
    check(
      "need_transitions_allowed",
      sql`(${t.fromStatus} is null and ${t.toStatus} = 'open') or (${t.fromStatus} || '>' || ${t.toStatus}) in (${needPairs})`,
    ),
  ],
);
