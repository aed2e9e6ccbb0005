import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { users } from "./users";

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Holds ids and codes only,
 * never PHI values: `details` carries ids, counts and field names.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorRole: text("actor_role"),
    sessionId: uuid("session_id"),
    action: text("action").notNull(),
    patientId: uuid("patient_id").references(() => patients.id),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    ipAddress: text("ip_address"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null | string[]>>(),
  },
  (t) => [
    index("audit_events_occurred_idx").on(t.occurredAt),
    index("audit_events_patient_idx").on(t.patientId, t.occurredAt),
    index("audit_events_actor_idx").on(t.actorUserId, t.occurredAt),
    index("audit_events_action_idx").on(t.action, t.occurredAt),
    // "Records you opened recently" on the dashboard: one person's reads of a record, newest first,
    // answered from the index alone (issue 19: 7.3 ms to 0.7 ms at 10,000 patients).
    index("audit_events_actor_reads_idx")
      .on(t.actorUserId, t.occurredAt, t.patientId, t.id)
      .where(sql`${t.action} = 'patient.read'`),
  ],
);
