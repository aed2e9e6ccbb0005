import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { rightsRequests } from "./rights-requests";
import { users } from "./users";

/**
 * The disclosure log (45 CFR 164.528(b)(2)): each time the patient's information went to someone
 * outside the organisation in a way the patient may ask to be told about. Kept: never deleted or
 * edited (trigger, migration 0013); an entry made in error is voided with the reason, and then
 * leaves the accounting.
 */
export const disclosures = pgTable(
  "disclosures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    disclosedOn: date("disclosed_on").notNull(),
    recipient: text("recipient").notNull(),
    recipientAddress: text("recipient_address"),
    /** A brief description of what was disclosed. */
    description: text("description").notNull(),
    /** A brief statement of the purpose, or the written request it answered. */
    purpose: text("purpose").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedBy: uuid("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
  },
  (t) => [
    index("disclosures_patient_idx").on(t.patientId, t.disclosedOn),
    check(
      "disclosures_void_complete",
      sql`(${t.voidedAt} is null) = (${t.voidedBy} is null) and (${t.voidedAt} is null) = (${t.voidReason} is null)`,
    ),
  ],
);

/**
 * Each accounting of disclosures given to the patient, so the next one knows whether it is the
 * first in twelve months (free) or one for which a reasonable, cost-based fee may be charged.
 */
export const disclosureAccountings = pgTable(
  "disclosure_accountings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    rightsRequestId: uuid("rights_request_id").references(() => rightsRequests.id),
    producedOn: date("produced_on").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    free: boolean("free").notNull(),
    producedBy: uuid("produced_by")
      .notNull()
      .references(() => users.id),
    producedAt: timestamp("produced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("disclosure_accountings_patient_idx").on(t.patientId, t.producedOn),
    check("disclosure_accountings_period", sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
);
