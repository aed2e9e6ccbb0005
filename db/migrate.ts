import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installQueue } from "@/lib/notifications/queue";
import type { DatabaseHandle } from "./client";
import { installInstruments } from "./instruments";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * The advisory lock migrations run under on PostgreSQL, one number for the whole application
 * ("carebrid" in ASCII): an instance that starts while another migrates waits for it, then
 * finds every migration applied and does nothing.
 */
export const MIGRATION_LOCK = 0x636172656272_6964n;

/**
 * Applies the committed migrations (the same folder serves PGlite and PostgreSQL), then installs
 * the notification queue's schema and queue (pg-boss, ADR 012) and the screening instruments
 * (db/instruments). On PostgreSQL all of it runs under
 * `pg_advisory_lock`, held by a connection of its own for the duration, so two instances starting
 * at once cannot migrate twice (drizzle's migrator has no lock: both would read the same last
 * migration and run the next one side by side). PGlite has one opener and needs none.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    await installQueue(handle);
    await installInstruments(handle);
    return;
  }
  if (!handle.url) throw new Error("A PostgreSQL handle without its URL cannot take the migration lock.");
  const lock = postgres(handle.url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: "carebridge-migrate" },
  });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    await installQueue(handle);
    await installInstruments(handle);
  } finally {
    // Ending the session releases the lock even if the unlock is never reached.
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`.catch(() => {});
    await lock.end({ timeout: 5 });
  }
}
