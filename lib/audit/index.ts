import "server-only";
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, patients, users } from "@/db/schema";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { zonedDayStart } from "@/lib/time";
import { AUDIT_ACTIONS } from "./actions";
import { recordAudit } from "./record";

export { AUDIT_ACTIONS, type AuditAction } from "./actions";
export { type AuditEntry, recordAudit } from "./record";

export const AUDIT_PAGE_SIZE = 50;

/** What the admin may filter the trail by; all of it comes from the query string. */
export const AuditFilterSchema = z.object({
  user: z.uuid().optional().catch(undefined),
  patient: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{4,20}$/)
    .optional()
    .catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditEventRow {
  id: number;
  occurredAt: Date;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  patientMrn: string | null;
  entityType: string | null;
  entityId: string | null;
  ipAddress: string | null;
  details: Record<string, unknown> | null;
}

/** The audit trail for an admin, newest first, filtered and paged in SQL. */
export async function listAuditEvents(
  actor: Actor,
  filter: AuditFilter,
): Promise<{ rows: AuditEventRow[]; total: number; page: number; pageSize: number }> {
  await authorizeGlobal(actor, "read:audit");
  const where: SQL[] = [];
  if (filter.user) where.push(eq(auditEvents.actorUserId, filter.user));
  if (filter.patient) where.push(eq(patients.mrn, filter.patient));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.from) where.push(gte(auditEvents.occurredAt, zonedDayStart(filter.from)));
  if (filter.to) where.push(lt(auditEvents.occurredAt, zonedDayStart(filter.to, 1)));
  const condition = where.length ? and(...where) : undefined;
  const offset = (filter.page - 1) * AUDIT_PAGE_SIZE;

  const [rows, totals] = await Promise.all([
    db()
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        actorName: users.name,
        actorEmail: users.email,
        actorRole: auditEvents.actorRole,
        action: auditEvents.action,
        patientMrn: patients.mrn,
        entityType: auditEvents.entityType,
        entityId: auditEvents.entityId,
        ipAddress: auditEvents.ipAddress,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .leftJoin(patients, eq(patients.id, auditEvents.patientId))
      .where(condition)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset(offset),
    db()
      .select({ total: count() })
      .from(auditEvents)
      .leftJoin(patients, eq(patients.id, auditEvents.patientId))
      .where(condition),
  ]);
  await recordAudit(db(), actor, {
    action: "audit.search",
    details: {
      page: filter.page,
      filters: Object.keys(filter).filter((k) => k !== "page" && filter[k as keyof AuditFilter]),
    },
  });
  return { rows, total: totals[0]?.total ?? 0, page: filter.page, pageSize: AUDIT_PAGE_SIZE };
}
export { listRecentRefusals, REFUSAL_WINDOW_DAYS, type RefusalsByUser } from "./refusals";
