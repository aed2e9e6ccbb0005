import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";

/** The events an actor left of one kind, oldest first: what a test of an audited read looks for. */
export async function auditTrail(actorUserId: string, action: AuditAction) {
  return db()
    .select({
      action: auditEvents.action,
      patientId: auditEvents.patientId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, actorUserId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id));
}
