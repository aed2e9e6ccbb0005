import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { concerns } from "./concerns";
import { patients } from "./patients";
import { rightsRequests } from "./rights-requests";
import { users } from "./users";

export const COUNTERPART_TYPES = ["provider", "insurer", "employer", "regulator", "other"] as const;
export type CounterpartType = (typeof COUNTERPART_TYPES)[number];
export const INTERACTION_CHANNELS = ["phone", "email", "letter", "meeting", "video", "portal"] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/**
 * The representation log: each time an advocate speaks for the patient to a provider, insurer,
 * employer or regulator. Entries are a record of what happened: never deleted (trigger, migration
 * 0010); only the follow-up is marked done.
 */
export const advocacyInteractions = pgTable(
  "advocacy_interactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id),
    advocateId: uuid("advocate_id")
      .notNull()
      .references(() => users.id),
    counterpartType: text("counterpart_type", { enum: COUNTERPART_TYPES }).notNull(),
    organisation: text("organisation").notNull(),
    contact: text("contact"),
    occurredOn: date("occurred_on").notNull(),
    channel: text("channel", { enum: INTERACTION_CHANNELS }).notNull(),
    asked: text("asked").notNull(),
    outcome: text("outcome"),
    followUpOn: date("follow_up_on"),
    followUpDoneAt: timestamp("follow_up_done_at", { withTimezone: true }),
    concernId: uuid("concern_id").references(() => concerns.id),
    rightsRequestId: uuid("rights_request_id").references(() => rightsRequests.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("advocacy_interactions_patient_idx").on(t.patientId, t.occurredOn),
    index("advocacy_interactions_follow_up_idx")
      .on(t.followUpOn)
      .where(sql`${t.followUpOn} is not null and ${t.followUpDoneAt} is null`),
    check(
      "advocacy_interactions_counterpart_check",
      sql`${t.counterpartType} in (${inList(COUNTERPART_TYPES)})`,
    ),
    check("advocacy_interactions_channel_check", sql`${t.channel} in (${inList(INTERACTION_CHANNELS)})`),
    check("advocacy_interactions_one_subject", sql`${t.concernId} is null or ${t.rightsRequestId} is null`),
    check(
      "advocacy_interactions_done_needs_follow_up",
      sql`${t.followUpDoneAt} is null or ${t.followUpOn} is not null`,
    ),
  ],
);
