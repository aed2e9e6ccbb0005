import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { englishBesideCheck, writtenLanguage } from "./languages";
import { patients } from "./patients";
import { users } from "./users";

/** HIPAA Privacy Rule requests (45 CFR 164.522–164.528). */
export const RIGHTS_REQUEST_TYPES = [
  "access",
  "amendment",
  "accounting",
  "restriction",
  "confidential-communication",
] as const;
export type RightsRequestType = (typeof RIGHTS_REQUEST_TYPES)[number];
export const RIGHTS_DECISIONS = ["granted", "partly-granted", "denied"] as const;
export type RightsDecision = (typeof RIGHTS_DECISIONS)[number];
/** What a correction asked for from the portal's timeline is about ("This is wrong"). */
export const CORRECTION_SUBJECTS = ["appointment", "update", "message"] as const;
export type CorrectionSubject = (typeof CORRECTION_SUBJECTS)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/**
 * A patient rights request on its legal clock. The due date is computed from the received date
 * (lib/clocks.ts), never typed; one extension at most, with its written reason.
 */
export const rightsRequests = pgTable(
  "rights_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    type: text("type", { enum: RIGHTS_REQUEST_TYPES }).notNull(),
    receivedOn: date("received_on").notNull(),
    /** What is asked for, in the patient's words (for confidential communications: how to reach them, never why). */
    details: text("details").notNull(),
    requestedForm: text("requested_form"),
    /**
     * A confidential-communications request (164.522(b)): the alternate email and phone it names.
     * Once granted, every notification to the patient goes only there, never to the home contact.
     */
    alternateEmail: text("alternate_email"),
    alternatePhone: text("alternate_phone"),
    /** A restriction on telling a health plan about care the patient paid for in full: must be granted. */
    healthPlanSelfPay: boolean("health_plan_self_pay").notNull().default(false),
    dueOn: date("due_on").notNull(),
    extendedDueOn: date("extended_due_on"),
    extensionReason: text("extension_reason"),
    extensionNotifiedOn: date("extension_notified_on"),
    decision: text("decision", { enum: RIGHTS_DECISIONS }),
    decisionReasonCode: text("decision_reason_code"),
    decisionReason: text("decision_reason"),
    decidedOn: date("decided_on"),
    /** The language of the letters (extension, decision) and the reasons staff write in them; English beside Spanish. */
    letterLanguage: writtenLanguage("letter_language"),
    extensionReasonEnglish: text("extension_reason_english"),
    decisionReasonEnglish: text("decision_reason_english"),
    /** A denied amendment tells the patient they may file a statement of disagreement (164.526(d)). */
    disagreementRightStated: boolean("disagreement_right_stated").notNull().default(false),
    responseSentOn: date("response_sent_on"),
    disagreementStatement: text("disagreement_statement"),
    disagreementReceivedOn: date("disagreement_received_on"),
    /** An amendment filed from an item of the patient's timeline, tied to that item. */
    subjectKind: text("subject_kind", { enum: CORRECTION_SUBJECTS }),
    subjectId: uuid("subject_id"),
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
    index("rights_requests_patient_idx").on(t.patientId, t.receivedOn),
    index("rights_requests_open_due_idx")
      .on(sql`coalesce(${t.extendedDueOn}, ${t.dueOn})`)
      .where(sql`${t.responseSentOn} is null`),
    check(
      "rights_requests_alternate_contact_only_confidential",
      sql`${t.type} = 'confidential-communication' or (${t.alternateEmail} is null and ${t.alternatePhone} is null)`,
    ),
    check("rights_requests_letter_language_check", sql`${t.letterLanguage} in ('en','es')`),
    englishBesideCheck("rights_requests_english_beside_spanish", t.letterLanguage, [
      t.extensionReasonEnglish,
      t.decisionReasonEnglish,
    ]),
    check("rights_requests_type_check", sql`${t.type} in (${inList(RIGHTS_REQUEST_TYPES)})`),
    check(
      "rights_requests_decision_check",
      sql`${t.decision} is null or ${t.decision} in (${inList(RIGHTS_DECISIONS)})`,
    ),
    check(
      "rights_requests_extension_complete",
      sql`(${t.extendedDueOn} is null) = (${t.extensionReason} is null) and (${t.extendedDueOn} is null) = (${t.extensionNotifiedOn} is null)`,
    ),
    check(
      "rights_requests_extension_types",
      sql`${t.extendedDueOn} is null or ${t.type} in ('access','amendment','accounting')`,
    ),
    check(
      "rights_requests_extension_notice_in_time",
      sql`${t.extensionNotifiedOn} is null or ${t.extensionNotifiedOn} <= ${t.dueOn}`,
    ),
    check(
      "rights_requests_decision_complete",
      sql`(${t.decision} is null) = (${t.decidedOn} is null) and (${t.decision} is null or ${t.decision} = 'granted' or ${t.decisionReason} is not null)`,
    ),
    check(
      "rights_requests_self_pay_restriction_granted",
      sql`not (${t.type} = 'restriction' and ${t.healthPlanSelfPay} and ${t.decision} in ('denied','partly-granted'))`,
    ),
    check(
      "rights_requests_disagreement_only_denied_amendment",
      sql`${t.disagreementStatement} is null or (${t.type} = 'amendment' and ${t.decision} in ('denied','partly-granted'))`,
    ),
    check(
      "rights_requests_denied_amendment_states_right",
      sql`not (${t.type} = 'amendment' and ${t.decision} in ('denied','partly-granted') and not ${t.disagreementRightStated})`,
    ),
    check(
      "rights_requests_subject",
      sql`(${t.subjectKind} is null) = (${t.subjectId} is null) and (${t.subjectKind} is null or (${t.type} = 'amendment' and ${t.subjectKind} in (${inList(CORRECTION_SUBJECTS)})))`,
    ),
    check(
      "rights_requests_response_after_decision",
      sql`${t.responseSentOn} is null or ${t.decision} is not null`,
    ),
  ],
);
