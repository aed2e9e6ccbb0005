import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { orgTimeZone } from "@/lib/time";

export const ACCESS_LOG_PAGE_SIZE = 50;

/** One member of staff's access to the record on one day, from the audit trail. */
export interface RecordAccess {
  name: string;
  role: string;
  day: string;
  first: Date;
  last: Date;
  times: number;
  emergency: boolean;
}

/**
 * Who on the staff opened the patient's record, day by day, newest first: taken from the audit
 * trail, with access through "break the glass" marked.
 */
export async function getRecordAccessLog(
  actor: Actor,
  patientId: string,
  page: number,
): Promise<{ rows: RecordAccess[]; hasMore: boolean; page: number }> {
  await authorizePatient(actor, "read:recordAccessLog:portal", patientId);
  const zone = sql.raw(`'${orgTimeZone().replace(/'/g, "")}'`);
  const day = sql<string>`(${auditEvents.occurredAt} at time zone ${zone})::date::text`;
  const rows = await db()
    .select({
      name: users.name,
      role: users.role,
      day,
      first: sql<Date>`min(${auditEvents.occurredAt})`.mapWith((v: string | Date) => new Date(v)),
      last: sql<Date>`max(${auditEvents.occurredAt})`.mapWith((v: string | Date) => new Date(v)),
      times: sql<number>`count(*)`.mapWith(Number),
      emergency: sql<boolean>`bool_or(${auditEvents.action} = 'emergency-access.grant' or ${auditEvents.details}->>'emergencyGrant' is not null)`,
    })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(eq(auditEvents.patientId, patientId), inArray(auditEvents.actorRole, ["coordinator", "advocate"])),
    )
    .groupBy(users.id, users.name, users.role, day)
    .orderBy(desc(sql`max(${auditEvents.occurredAt})`))
    .limit(ACCESS_LOG_PAGE_SIZE + 1)
    .offset((page - 1) * ACCESS_LOG_PAGE_SIZE);
  await recordAudit(db(), actor, {
    action: "portal.access-log",
    patientId,
    entityType: "patient",
    entityId: patientId,
  });
  return { rows: rows.slice(0, ACCESS_LOG_PAGE_SIZE), hasMore: rows.length > ACCESS_LOG_PAGE_SIZE, page };
}
