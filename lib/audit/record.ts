import "server-only";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { AuditAction } from "./actions";

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  action: AuditAction;
  patientId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  /** For events with no signed-in actor (a failed sign-in): where the request came from. */
  ipAddress?: string | null;
  /** Ids, counts and field names only: never the PHI values themselves. */
  details?: AuditDetails;
}

/** Appends one audit event; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(executor: Executor, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values(auditRow(actor, entry));
}

/** The row of one event, for a caller writing several in one statement (lib/records/read-audit.ts). */
export function auditRow(actor: Actor | null, entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    sessionId: actor?.sessionId ?? null,
    ipAddress: entry.ipAddress ?? actor?.ipAddress ?? null,
    action: entry.action,
    patientId: entry.patientId ?? null,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    details: entry.details ?? null,
  };
}
