import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { type AuditEntry, auditRow } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";

type Row = typeof auditEvents.$inferInsert;
interface Batch {
  rows: Row[];
  open: boolean;
}

const batches = new AsyncLocalStorage<Batch>();

/**
 * Writes the audit events of reads: at once, in one statement; or, inside `auditReadsTogether`,
 * with the other reads' events of the same page when they are all done.
 */
export async function recordReadAudits(actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => auditRow(actor, entry));
  const batch = batches.getStore();
  if (batch?.open) {
    batch.rows.push(...rows);
    return;
  }
  await db().insert(auditEvents).values(rows);
}

/**
 * Runs a page's reads and writes all their audit events in one multi-row insert (issue 19), after
 * the reads and before the page renders anything they returned. When a read fails or is refused,
 * the events of the reads that did complete are written all the same, and then the error goes on.
 * A refusal (`access.denied`) is never held back: `recordRefusal` writes it where it happens.
 */
export async function auditReadsTogether<T>(work: () => Promise<T>): Promise<T> {
  if (batches.getStore()?.open) return work();
  const batch: Batch = { rows: [], open: true };
  let result: T;
  try {
    result = await batches.run(batch, work);
  } catch (error) {
    batch.open = false;
    // The events of the reads that finished, then the read's own error (a 404 stays a 404).
    if (batch.rows.length > 0)
      await db()
        .insert(auditEvents)
        .values(batch.rows)
        .catch(() => undefined);
    throw error;
  }
  batch.open = false;
  if (batch.rows.length > 0) await db().insert(auditEvents).values(batch.rows);
  return result;
}
