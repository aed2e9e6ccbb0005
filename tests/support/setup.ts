import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

/**
 * Every test file gets a database of its own, migrated from empty: an in-memory PGlite, or with
 * DATABASE_URL a fresh PostgreSQL database created for the file and dropped after it.
 */
const serverUrl = process.env.DATABASE_URL;
let databaseName: string | undefined;
// Emails carry unsubscribe links signed with it (lib/notifications/unsubscribe-token.ts), as a server has one.
process.env.AUTH_SECRET ??= randomBytes(33).toString("base64");

if (serverUrl) {
  databaseName = `cb_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.PGLITE_DIR = "memory://";
}

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  if (databaseName) await admin((sql) => sql.unsafe(`create database "${databaseName}"`));
  const { getDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(getDatabase());
});

afterAll(async () => {
  const { closeQueue } = await import("@/lib/notifications/queue");
  await closeQueue();
  const { closeDatabase } = await import("@/db/client");
  await closeDatabase();
  if (databaseName)
    await admin((sql) => sql.unsafe(`drop database if exists "${databaseName}" with (force)`));
});
