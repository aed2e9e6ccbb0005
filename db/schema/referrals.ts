import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { NEED_DOMAINS, needs } from "./screening";
import { editStamps } from "./stamps";
import { users } from "./users";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));
const domainArray = sql.raw(`array[${NEED_DOMAINS.map((v) => `'${v}'`).join(",")}]::text[]`);

export const SERVICE_KINDS = ["community", "clinical"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * The directory of services advocates keep: community organisations and clinical services, what
 * needs each meets, the languages it serves in, how to reach it and when. Retired, never deleted:
 * referrals name it.
 */
export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind", { enum: SERVICE_KINDS }).notNull(),
    description: text("description"),
    domains: text("domains").array().notNull(),
    languages: text("languages").array().notNull(),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    address: text("address"),
    hours: text("hours"),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    ...editStamps(),
  },
  (t) => [
    uniqueIndex("services_name_key").on(sql`lower(${t.name})`),
    check("services_kind_check", sql`${t.kind} in (${inList(SERVICE_KINDS)})`),
    check("services_name_check", sql`char_length(${t.name}) between 1 and 200`),
    check("services_domains_check", sql`cardinality(${t.domains}) > 0 and ${t.domains} <@ ${domainArray}`),
    check(
      "services_languages_check",
      sql`cardinality(${t.languages}) > 0 and array_to_string(${t.languages}, ',') ~ '^[a-z]{2,3}(,[a-z]{2,3})*$'`,
    ),
    check(
      "services_contact_check",
      sql`${t.phone} is not null or ${t.email} is not null or ${t.website} is not null`,
    ),
  ],
);

/**
 * sent → accepted → completed, or declined / no-answer from either open step. Only these moves,
 * here and in the database (migration 0026); an ended referral never changes again but for the
 * patient's word on it.
 */
export const REFERRAL_STATUSES = ["sent", "accepted", "completed", "declined", "no-answer"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_TRANSITIONS: readonly (readonly [ReferralStatus, ReferralStatus])[] = [
  ["sent", "accepted"],
  ["sent", "declined"],
  ["sent", "no-answer"],
  ["accepted", "completed"],
  ["accepted", "declined"],
  ["accepted", "no-answer"],
];
/** The patient's word on a referral, from the portal. */
export const REFERRAL_FEEDBACK = ["got-help", "did-not-work"] as const;
export type ReferralFeedback = (typeof REFERRAL_FEEDBACK)[number];

const referralPairs = sql.raw(REFERRAL_TRANSITIONS.map(([from, to]) => `'${from}>${to}'`).join(","));

/** A need linked to a service, followed until the loop closes. */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    needId: uuid("need_id").notNull(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    /** What the advocate asked of the service, for the team. */
    note: text("note"),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    /** The service should answer by then (sent step). */
    acceptDueOn: date("accept_due_on").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** The help should be given by then (accepted step). */
    completeDueOn: date("complete_due_on"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    outcome: text("outcome"),
    patientFeedback: text("patient_feedback", { enum: REFERRAL_FEEDBACK }),
    patientFeedbackAt: timestamp("patient_feedback_at", { withTimezone: true }),
    patientFeedbackBy: uuid("patient_feedback_by").references(() => users.id),
    ...editStamps(),
  },
  (t) => [
    // The need is the same patient's: a referral cannot join one patient's need to another's record.
    foreignKey({
      name: "referrals_need_same_patient_fk",
      columns: [t.needId, t.patientId],
      foreignColumns: [needs.id, needs.patientId],
    }),
    index("referrals_patient_idx").on(t.patientId, t.sentAt),
    index("referrals_need_idx").on(t.needId),
    index("referrals_open_due_idx").on(t.acceptDueOn).where(sql`${t.status} in ('sent','accepted')`),
    uniqueIndex("referrals_one_open_per_service_key")
      .on(t.needId, t.serviceId)
      .where(sql`${t.status} in ('sent','accepted')`),
    check("referrals_status_check", sql`${t.status} in (${inList(REFERRAL_STATUSES)})`),
    check(
      "referrals_accepted",
      sql`${t.status} in ('sent','declined','no-answer') or (${t.acceptedAt} is not null and ${t.completeDueOn} is not null)`,
    ),
    check(
      "referrals_ended_with_outcome",
      sql`(${t.status} in ('completed','declined','no-answer')) = (${t.endedAt} is not null and ${t.outcome} is not null)`,
    ),
    check(
      "referrals_feedback",
      sql`(${t.patientFeedback} is null) = (${t.patientFeedbackAt} is null) and (${t.patientFeedback} is null or ${t.patientFeedback} in (${inList(REFERRAL_FEEDBACK)}))`,
    ),
  ],
);

/** Every move of a referral, append-only (migration 0026). */
export const referralTransitions = pgTable(
  "referral_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    referralId: uuid("referral_id")
      .notNull()
      .references(() => referrals.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note"),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("referral_transitions_referral_idx").on(t.referralId, t.at),
    check(
      "referral_transitions_allowed",
      sql`(${t.fromStatus} is null and ${t.toStatus} = 'sent') or (${t.fromStatus} || '>' || ${t.toStatus}) in (${referralPairs})`,
    ),
  ],
);
