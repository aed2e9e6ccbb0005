import { readFileSync } from "node:fs";
import path from "node:path";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";

const server = process.env.DATABASE_URL;
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

/**
 * Two instances starting at once over one PostgreSQL: each migrates at start. PostgreSQL only (a
 * PGlite folder has one opener, so two instances cannot start over it).
 */
describe.skipIf(!server)("migrations started by two instances at once", () => {
  const made: string[] = [];
  const handles: DatabaseHandle[] = [];

  async function freshDatabase(label: string): Promise<string> {
    const name = `cb_migration_lock_${label}_${process.pid}`;
    const admin = postgres(server!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    made.push(name);
    const url = new URL(server!);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const open = (url: string) => {
    const handle = openDatabase({ url });
    handles.push(handle);
    return handle;
  };
  const applied = async (url: string) => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ n: number; distinct: number }[]>`
      select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`;
    const [queue] = await sql<
      { n: number }[]
    >`select count(*)::int as n from pgboss.queue where name = 'notify'`;
    await sql.end();
    return { ...row!, queues: queue!.n };
  };

  afterAll(async () => {
    for (const handle of handles) await handle.close();
    const admin = postgres(server!, { max: 1, onnotice: () => {} });
    for (const name of made) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("apply each migration once: the second waits on the advisory lock, then finds nothing to do", async () => {
    const url = await freshDatabase("locked");
    const results = await Promise.allSettled([migrateDatabase(open(url)), migrateDatabase(open(url))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await applied(url)).toEqual({
      n: journal.entries.length,
      distinct: journal.entries.length,
      queues: 1,
    });
  });

  it("control: without the lock, drizzle's migrator run twice at once fails one of the two", async () => {
    const url = await freshDatabase("unlocked");
    const bare = (handle: DatabaseHandle) =>
      migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    const results = await Promise.allSettled([bare(open(url)), bare(open(url))]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(1);
    // Both ran the first migration side by side: the loser found its objects already made.
    const cause = (refused[0]!.reason as { cause?: { code?: string } }).cause ?? refused[0]!.reason;
    expect(["42P07", "23505", "42710"]).toContain((cause as { code?: string }).code);
  });
});
