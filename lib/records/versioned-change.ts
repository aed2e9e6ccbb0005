import "server-only";
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Executor, type Transaction } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, type PatientAccess, type PatientPermission } from "@/lib/authz";
import { NotFoundError, retryOnConflict, StaleVersionError } from "@/lib/errors";
import { userName } from "@/lib/users/name";

/**
 * A table whose rows two people can edit at once: each row carries an id and a version, and most
 * say who saved last (`updatedBy`) and when (`updatedAt`). See docs/decisions/010.
 */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

export interface VersionedRecord<T extends VersionedTable> {
  table: T;
  /** The audit event's entity type: "concern", "care_plan". */
  entityType: string;
  /** The column naming the patient the row belongs to; absent for records that are not a patient's. */
  patientId?: PgColumn;
  /**
   * A rule that holds whatever version the editor saw (a published update never changes): checked
   * before the version, so the editor is told what they can act on. Throws DomainError.
   */
  refuseAnyChange?: (row: T["$inferSelect"]) => void;
  /** Who saved the row last, for the "changed while you were editing" message; by default `updatedBy`'s name. */
  lastSavedBy?: (tx: Transaction, row: T["$inferSelect"]) => Promise<string | null>;
  /**
   * Locks the row this one's change may move, before this one (a referral's need): every writer
   * takes the two in the same order, and a check read under the first lock holds.
   */
  lockFirst?: (tx: Transaction, id: string) => Promise<void>;
}

export type Row<T extends VersionedTable> = T["$inferSelect"];

export interface VersionAudit {
  action: AuditAction;
  details?: AuditDetails;
}

/** One record kind's definition, typed once beside the domain module that changes it. */
export function versionedRecord<T extends VersionedTable>(record: VersionedRecord<T>): VersionedRecord<T> {
  return record;
}

/**
 * The row locked for the rest of the transaction, if it is still at the version the editor saw;
 * otherwise a StaleVersionError naming who saved first. The record's `lockFirst` runs before it. The
 * lock reads the one table, without joins: a joined row locked FOR UPDATE is re-checked against a
 * concurrent winner and can vanish.
 */
export async function lockVersion<T extends VersionedTable>(
  tx: Transaction,
  record: VersionedRecord<T>,
  id: string,
  version: number,
): Promise<Row<T>> {
  await record.lockFirst?.(tx, id);
  const [row] = (await tx
    .select()
    .from(record.table as PgTable)
    .where(eq(record.table.id, id))
    .for("update")) as Row<T>[];
  if (!row) throw new NotFoundError();
  record.refuseAnyChange?.(row);
  const saved = row as { version: number; updatedBy?: string | null };
  if (saved.version !== version)
    throw new StaleVersionError(
      record.lastSavedBy ? await record.lastSavedBy(tx, row) : await userName(tx, saved.updatedBy ?? null),
    );
  return row;
}

/**
 * Writes the change as the row's next version, stamped with who and when where the table keeps
 * them, and its audit event, in the caller's transaction. Returns the new version.
 */
export async function saveVersion<T extends VersionedTable>(
  tx: Transaction,
  actor: Actor,
  record: VersionedRecord<T>,
  row: Row<T>,
  set: PgUpdateSetSource<T>,
  audit: VersionAudit & { patientId?: string | null },
): Promise<number> {
  const columns = getTableColumns(record.table);
  const { id, version } = row as { id: string; version: number };
  const next = version + 1;
  await (tx as Executor)
    .update(record.table as PgTable)
    .set({
      ...(set as Record<string, unknown>),
      version: next,
      ...("updatedBy" in columns ? { updatedBy: actor.userId } : {}),
      ...("updatedAt" in columns ? { updatedAt: sql`now()` } : {}),
    })
    .where(eq(record.table.id, id));
  await recordAudit(tx, actor, {
    action: audit.action,
    patientId: audit.patientId ?? null,
    entityType: record.entityType,
    entityId: id,
    details: audit.details,
  });
  return next;
}

/** The audit details of a change, or none at all when neither side names any (as before the helper). */
function mergeDetails(...parts: (AuditDetails | undefined)[]): AuditDetails | undefined {
  const merged = Object.assign({}, ...parts) as AuditDetails;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** What a change returns: the fields to set, and anything the audit event should add. */
export interface ChangeResult<T extends VersionedTable> {
  set?: PgUpdateSetSource<T>;
  details?: AuditDetails;
  /** Runs after the row is written, in the same transaction (a version snapshot, a transition row). */
  after?: (tx: Transaction, next: number) => Promise<void>;
}

export interface VersionedChange<T extends VersionedTable> {
  id: string;
  /** The version the editor saw. */
  version: number;
  permission: PatientPermission;
  audit: VersionAudit;
  /** Checks the locked row against the domain's rules (throwing DomainError) and says what changes. */
  change: (tx: Transaction, row: Row<T>, access: PatientAccess) => Promise<ChangeResult<T> | undefined>;
  /** Retry the whole transaction when PostgreSQL breaks a deadlock (exclusion constraints). */
  retry?: boolean;
}

/**
 * Every change to a patient's versioned record goes through here: whose record it is, whether the
 * actor may make this change to it (404 and an audited refusal if not), then in one transaction
 * the row locked at the version the editor saw, the domain's change, the next version and the
 * audit event, committed together or not at all.
 */
export async function changeVersioned<T extends VersionedTable>(
  actor: Actor,
  record: VersionedRecord<T>,
  request: VersionedChange<T>,
): Promise<number> {
  const ownerColumn = record.patientId;
  if (!ownerColumn) throw new Error(`${record.entityType} is not a patient's record`);
  const [owner] = await db()
    .select({ patientId: ownerColumn })
    .from(record.table as PgTable)
    .where(eq(record.table.id, request.id));
  if (!owner) throw new NotFoundError();
  const patientId = owner.patientId as string;
  const access = await authorizePatient(actor, request.permission, patientId);
  const work = () =>
    db().transaction(async (tx) => {
      const row = await lockVersion(tx, record, request.id, request.version);
      const result = (await request.change(tx, row, access)) ?? {};
      const next = await saveVersion(tx, actor, record, row, result.set ?? {}, {
        action: request.audit.action,
        patientId,
        details: mergeDetails(request.audit.details, result.details),
      });
      await result.after?.(tx, next);
      return next;
    });
  return request.retry ? retryOnConflict(work) : work();
}
