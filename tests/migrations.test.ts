import { sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, type Executor, getDatabase, queryRows } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { expectDatabaseError } from "./support/database-errors";

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db(), query);

/** Only this database's own schema, never pg_catalog or what an extension brought with it. */
const OWN = sql`(select oid from pg_namespace where nspname = current_schema())`;
const notFromExtension = (oid: ReturnType<typeof sql>) =>
  sql`not exists (select 1 from pg_depend d where d.objid = ${oid} and d.deptype = 'e')`;

/**
 * The schema as the catalog describes it, one sorted line per object: tables, columns (type,
 * default, nullability, identity), constraints and indexes with their definitions, triggers,
 * functions with their bodies, sequences and extensions. Read from pg_catalog, the same on PGlite
 * and PostgreSQL 15.
 */
async function schemaSnapshot(executor: Executor): Promise<Record<string, string[]>> {
  const lines = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ line: string }>(executor, query)).map((r) => r.line).sort();
  return {
    tables: await lines(
      sql`select concat_ws(' ', c.relname, c.relkind) as line from pg_class c
          where c.relnamespace = ${OWN} and c.relkind in ('r', 'p', 'v', 'm', 'f')`,
    ),
    columns: await lines(
      sql`select concat_ws(' ', c.relname || '.' || a.attname, '#' || a.attnum,
            format_type(a.atttypid, a.atttypmod),
            case when a.attnotnull then 'not null' else 'null' end,
            'default ' || pg_get_expr(d.adbin, d.adrelid),
            case when a.attidentity <> '' then 'identity ' || a.attidentity::text end,
            case when a.attgenerated <> '' then 'generated ' || a.attgenerated::text end) as line
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid and c.relnamespace = ${OWN} and c.relkind in ('r', 'p', 'v', 'm')
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where a.attnum > 0 and not a.attisdropped`,
    ),
    constraints: await lines(
      sql`select concat_ws(' ', conrelid::regclass::text, conname, contype::text, pg_get_constraintdef(oid),
            case when not convalidated then 'not valid' end) as line
          from pg_constraint where connamespace = ${OWN}`,
    ),
    indexes: await lines(
      sql`select pg_get_indexdef(i.indexrelid) as line from pg_index i
          join pg_class c on c.oid = i.indexrelid and c.relnamespace = ${OWN}`,
    ),
    triggers: await lines(
      sql`select concat_ws(' ', pg_get_triggerdef(t.oid), 'enabled=' || t.tgenabled::text) as line
          from pg_trigger t join pg_class c on c.oid = t.tgrelid and c.relnamespace = ${OWN}
          where not t.tgisinternal`,
    ),
    functions: await lines(
      sql`select pg_get_functiondef(p.oid) as line from pg_proc p
          where p.pronamespace = ${OWN} and p.prokind in ('f', 'p') and ${notFromExtension(sql`p.oid`)}`,
    ),
    sequences: await lines(
      sql`select concat_ws(' ', c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement) as line
          from pg_sequence s join pg_class c on c.oid = s.seqrelid and c.relnamespace = ${OWN}`,
    ),
    types: await lines(
      sql`select concat_ws(' ', t.typname, t.typtype::text, format_type(t.typbasetype, t.typtypmod)) as line
          from pg_type t
          where t.typnamespace = ${OWN} and t.typtype in ('e', 'd', 'r', 'm') and ${notFromExtension(sql`t.oid`)}`,
    ),
    extensions: await lines(sql`select concat_ws(' ', extname, extversion) as line from pg_extension`),
  };
}

/** The sections of the schema that differ between two snapshots. */
function changedSections(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  return Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const appliedMigrations = () =>
  rows<{ hash: string; created_at: string }>(
    sql`select hash, created_at::text from drizzle.__drizzle_migrations order by id`,
  );

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

  it("run a second time as a no-op: the same migrations applied and the same schema, object by object", async () => {
    const before = await schemaSnapshot(db());
    const applied = await appliedMigrations();
    // Every section holds something, so an empty read cannot pass for "unchanged".
    for (const [section, lines] of Object.entries(before))
      if (section !== "types") expect(lines.length, section).toBeGreaterThan(0);
    const functions = before.functions!.join("\n");
    expect(functions).toContain("audit_events_refuse_change");
    expect(functions).not.toContain("gbt_"); // btree_gist's own are the extension's, left out

    await migrateDatabase(getDatabase());

    expect(await appliedMigrations()).toEqual(applied);
    expect(await schemaSnapshot(db())).toEqual(before);
  });

  it("control: the comparison notices each kind of change to the schema", async () => {
    const before = await schemaSnapshot(db());
    const changes: [string, string[]][] = [
      ["create table migration_probe (id int)", ["tables", "columns"]],
      ["alter table patients add column migration_probe text", ["columns"]],
      ["alter table patients alter column preferred_language set default 'es'", ["columns"]],
      ["alter table patients alter column given_name drop not null", ["columns"]],
      ["alter table patients alter column city type varchar(80)", ["columns"]],
      [
        `alter table patients drop constraint patients_sex_check,
           add constraint patients_sex_check check (sex in ('female', 'male'))`,
        ["constraints"],
      ],
      ["create index patients_probe_idx on patients (city)", ["indexes"]],
      ["alter table audit_events disable trigger audit_events_no_truncate", ["triggers"]],
      [
        `create or replace function audit_events_refuse_change() returns trigger language plpgsql
           as $$ begin return null; end $$`,
        ["functions"],
      ],
      ["create sequence migration_probe_seq", ["sequences"]],
      ["create domain migration_probe_mrn as text", ["types"]],
    ];
    for (const [change, sections] of changes) {
      let changed: string[] = [];
      const outcome = await db()
        .transaction(async (tx) => {
          await tx.execute(sql.raw(change));
          changed = changedSections(before, await schemaSnapshot(tx));
          tx.rollback();
        })
        .catch((e: unknown) => e);
      expect(outcome, change).toBeInstanceOf(TransactionRollbackError);
      // PostgreSQL 18 (PGlite) also lists NOT NULL in pg_constraint, so a section may bring company.
      expect(changed, change).toEqual(expect.arrayContaining(sections));
    }
    expect(await schemaSnapshot(db())).toEqual(before);
  });

  it("guard states with check constraints", async () => {
    await expectDatabaseError(
      db().execute(
        sql`insert into users (email, name, role, password_hash) values ('x@y.example', 'X', 'superuser', 'h')`,
      ),
      { code: "23514", constraint: "users_role_check" },
    );
  });
});
