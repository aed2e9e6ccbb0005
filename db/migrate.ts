import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { installQueue } from "@/lib/notifications/queue";
import type { DatabaseHandle } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies the committed migrations (the same folder serves PGlite and PostgreSQL), then installs
 * the notification queue's schema and queue (pg-boss, ADR 012).
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  }
  await installQueue(handle);
}
