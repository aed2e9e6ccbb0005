import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { englishBesideCheck, writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

export const CONCERN_STATUSES = [
  "open",
  "acknowledged",
  "in-review",
  "escalated",
  "resolved",
  "closed",
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_CATEGORIES = [
  "quality-of-care",
  "communication",
  "access-and-delays",
  "billing-and-insurance",
  "privacy",
  "safety",
  "respect-and-discrimination",
  "other",
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
export const CONCERN_SEVERITIES = ["low", "medium", "high", "urgent"] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];
export const CONCERN_RAISERS = ["patient", "family", "advocate", "staff"] as const;
export type ConcernRaiser = (typeof CONCERN_RAISERS)[number];

/**
 * The workflow's moves, the one list both the domain and the database check (the SQL in
 * migration 0008 is written from it; a test compares the two).
 */
export const CONCERN_TRANSITIONS: readonly (readonly [ConcernStatus, ConcernStatus])[] = [
  ["open", "acknowledged"],
  ["acknowledged", "in-review"],
  ["acknowledged", "resolved"],
  ["in-review", "escalated"],
  ["in-review", "resolved"],
  ["escalated", "in-review"],
  ["escalated", "resolved"],
  ["resolved", "closed"],
];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));
const pairs = sql.raw(CONCERN_TRANSITIONS.map(([from, to]) => `'${from}>${to}'`).join(","));

/**
 * A concern or grievance about one patient's care. Due dates are computed at intake from the
 * clocks in lib/clocks.ts; the written response (42 CFR 482.13(a)(2)(iii)) is required to resolve.
 */
export const concerns = pgTable(
  "concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    raisedBy: text("raised_by", { enum: CONCERN_RAISERS }).notNull(),
    raisedByName: text("raised_by_name"),
    category: text("category", { enum: CONCERN_CATEGORIES }).notNull(),
    severity: text("severity", { enum: CONCERN_SEVERITIES }).notNull(),
    whatHappened: text("what_happened").notNull(),
    desiredOutcome: text("desired_outcome").notNull(),
    eventDate: date("event_date"),
    /** About a discharge the patient thinks came too soon: may go to the QIO like quality of care. */
    aboutDischarge: boolean("about_discharge").notNull().default(false),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status", { enum: CONCERN_STATUSES }).notNull().default("open"),
    assignedAdvocateId: uuid("assigned_advocate_id").references(() => users.id),
    /** Hidden from coordinators (it may be about one of them); every read is still audited. */
    confidential: boolean("confidential").notNull().default(false),
    acknowledgeDueAt: timestamp("acknowledge_due_at", { withTimezone: true }).notNull(),
    resolveDueAt: timestamp("resolve_due_at", { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    qioReferredOn: date("qio_referred_on"),
    responseContact: text("response_contact"),
    responseSteps: text("response_steps"),
    responseResults: text("response_results"),
    responseCompletedOn: date("response_completed_on"),
    /** The language the written response is in (its letter follows it), and English beside Spanish. */
    responseLanguage: writtenLanguage("response_language"),
    responseStepsEnglish: text("response_steps_english"),
    responseResultsEnglish: text("response_results_english"),
    interimNoticeSentAt: timestamp("interim_notice_sent_at", { withTimezone: true }),
    interimExpectedBy: date("interim_expected_by"),
    interimMessage: text("interim_message"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("concerns_patient_idx").on(t.patientId, t.receivedAt),
    index("concerns_open_due_idx").on(t.resolveDueAt).where(sql`${t.status} not in ('resolved','closed')`),
    index("concerns_advocate_idx").on(t.assignedAdvocateId),
    check("concerns_response_language_check", sql`${t.responseLanguage} in ('en','es')`),
    englishBesideCheck("concerns_english_beside_spanish", t.responseLanguage, [
      t.responseStepsEnglish,
      t.responseResultsEnglish,
    ]),
    check("concerns_status_check", sql`${t.status} in (${inList(CONCERN_STATUSES)})`),
    check("concerns_category_check", sql`${t.category} in (${inList(CONCERN_CATEGORIES)})`),
    check("concerns_severity_check", sql`${t.severity} in (${inList(CONCERN_SEVERITIES)})`),
    check("concerns_raised_by_check", sql`${t.raisedBy} in (${inList(CONCERN_RAISERS)})`),
    check(
      "concerns_resolved_has_response",
      sql`${t.status} not in ('resolved','closed') or (${t.responseContact} is not null and ${t.responseSteps} is not null and ${t.responseResults} is not null and ${t.responseCompletedOn} is not null and ${t.resolvedAt} is not null)`,
    ),
    check(
      "concerns_qio_only_quality_or_discharge",
      sql`${t.qioReferredOn} is null or ${t.category} = 'quality-of-care' or ${t.aboutDischarge}`,
    ),
    check(
      "concerns_interim_complete",
      sql`(${t.interimNoticeSentAt} is null) = (${t.interimExpectedBy} is null)`,
    ),
  ],
);

/** Every move of a concern through the workflow, with who, when and a note; only allowed moves. */
export const concernTransitions = pgTable(
  "concern_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id),
    /** Null for the intake itself. */
    fromStatus: text("from_status", { enum: CONCERN_STATUSES }),
    toStatus: text("to_status", { enum: CONCERN_STATUSES }).notNull(),
    note: text("note"),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("concern_transitions_concern_idx").on(t.concernId, t.at),
    check(
      "concern_transitions_allowed",
      sql`(${t.fromStatus} is null and ${t.toStatus} = 'open') or (${t.fromStatus} || '>' || ${t.toStatus}) in (${pairs})`,
    ),
  ],
);
