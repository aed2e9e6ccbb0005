import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db().execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

describe("migrations from empty", () => {
  // tests/support/setup.ts migrated this file's brand-new database before the tests ran.
  it("create every table of the foundation", async () => {
    const tables = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = current_schema() order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "audit_events",
        "care_team_members",
        "caseload_assignments",
        "emergency_access_grants",
        "family_access_grants",
        "patients",
        "sessions",
        "sign_in_attempts",
        "sign_in_throttle",
        "users",
      ]),
    );
  });

  it("load btree_gist, which the scheduling constraints need", async () => {
    const ext = await rows<{ extname: string }>(
      sql`select extname from pg_extension where extname = 'btree_gist'`,
    );
    expect(ext).toHaveLength(1);
  });

  it("are idempotent: running them again changes nothing", async () => {
    await migrateDatabase(getDatabase());
    const applied = await rows<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it("guard states with check constraints", async () => {
    const error = await db()
      .execute(
        sql`insert into users (email, name, role, password_hash) values ('x@y.example', 'X', 'superuser', 'h')`,
      )
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).not.toBeNull();
  });
});
