import "server-only";
import { eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "@/db/client";
import type { Actor } from "@/lib/authz";
import { StaleVersionError } from "@/lib/errors";
import { userName } from "@/lib/users/name";

/**
 * A record a patient has one of (her preferences, her code-status wishes): keyed by `patient_id`,
 * with a version and who saved it last, and every saved state kept as a snapshot row in a table
 * beside it (`patient_id`, `version`, `changed_by`, `snapshot`), append-only in the database.
 */
export interface PatientVersionedRecord {
  table: PgTable & { patientId: PgColumn; version: PgColumn; updatedBy: PgColumn };
  versions: PgTable;
}

/** One record kind's definition, typed once beside the domain module that saves it. */
export function patientVersionedRecord(record: PatientVersionedRecord): PatientVersionedRecord {
  return record;
}

/**
 * Saves the patient's record as its next version, in the caller's transaction, and keeps the
 * snapshot; a save against an older version is refused, naming who saved first. Returns the new
 * version.
 *
 * This is the versioned change written for one row per patient, not `lockVersion`/`saveVersion`
 * (lib/records/versioned-change.ts), because those do not fit an upsert: the row is keyed by
 * `patient_id` and has no `id`, it may not exist yet (version 0, where `lockVersion` answers "not
 * found"), and the first save inserts it (`saveVersion` only updates). The compare is the same: the
 * version the editor saw, else a StaleVersionError naming `updatedBy`.
 */
export async function savePatientVersion(
  tx: Transaction,
  actor: Actor,
  record: PatientVersionedRecord,
  patientId: string,
  seen: number,
  snapshot: Record<string, unknown>,
): Promise<number> {
  const executor = tx as Executor;
  const { table } = record;
  const [row] = (await executor
    .select({ version: table.version, updatedBy: table.updatedBy })
    .from(table as PgTable)
    .where(eq(table.patientId, patientId))
    .for("update")) as { version: number; updatedBy: string | null }[];
  if ((row?.version ?? 0) !== seen) throw new StaleVersionError(await userName(tx, row?.updatedBy ?? null));
  const next = seen + 1;
  if (row) {
    await executor
      .update(table as PgTable)
      .set({ ...snapshot, version: next, updatedBy: actor.userId, updatedAt: sql`now()` } as never)
      .where(eq(table.patientId, patientId));
  } else {
    // Two first saves at once: the second finds the first one's row and is refused as stale.
    const inserted = await executor
      .insert(table as PgTable)
      .values({ ...snapshot, patientId, version: next, updatedBy: actor.userId } as never)
      .onConflictDoNothing()
      .returning({ version: table.version });
    if (inserted.length === 0) throw new StaleVersionError(null);
  }
  await executor
    .insert(record.versions)
    .values({ patientId, version: next, changedBy: actor.userId, snapshot } as never);
  return next;
}
