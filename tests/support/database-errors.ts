import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { db, queryRows } from "@/db/client";

/**
 * What PostgreSQL said when it refused a statement, read alike from both drivers: drizzle wraps
 * the driver's error in `cause`; PGlite names the fields `constraint` and `table`, postgres.js
 * `constraint_name` and `table_name`.
 */
export interface DatabaseRefusal {
  /** The SQLSTATE, e.g. 23514 check_violation. */
  code: string;
  message: string;
  constraint: string | undefined;
  table: string | undefined;
  /** Where a function raised it: "PL/pgSQL function audit_events_refuse_change() line 3 at RAISE". */
  where: string | undefined;
}

/** The database's refusal inside `error` (drizzle's wrapper, or a domain error that kept it as cause). */
export function databaseRefusal(error: unknown): DatabaseRefusal | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as Record<string, unknown>;
    // Both drivers' errors carry the server's severity next to the SQLSTATE; Node's own errors do not.
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string") {
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      return {
        code: e.code,
        message: String(e.message ?? ""),
        constraint: text(e.constraint) ?? text(e.constraint_name),
        table: text(e.table) ?? text(e.table_name),
        where: text(e.where),
      };
    }
    current = e.cause;
  }
  return undefined;
}

type Expected = { code: string; message?: string | RegExp } & (
  | {
      /** The constraint or unique index that refused, named by the server in the error itself. */
      constraint: string;
      trigger?: never;
    }
  | {
      /** The trigger that refused: its function must be the one that raised the error. */
      trigger: string;
      constraint?: never;
    }
);

/**
 * Runs `work` (a statement or a domain call) and asserts that the database refused it for the
 * expected reason: the SQLSTATE, and the constraint that names itself in the error, or the
 * trigger whose function raised it. A refusal for any other reason fails the test.
 */
export async function expectDatabaseError(
  work: PromiseLike<unknown> | (() => PromiseLike<unknown>),
  expected: Expected,
): Promise<DatabaseRefusal> {
  const label = expected.constraint ?? expected.trigger;
  let error: unknown;
  try {
    await (typeof work === "function" ? work() : work);
  } catch (caught) {
    error = caught;
  }
  expect(error, `${label}: the statement was accepted`).toBeDefined();
  const refusal = databaseRefusal(error);
  expect(refusal, `${label}: not a database error: ${String(error)}`).toBeDefined();
  const seen = `${label}: ${JSON.stringify(refusal)}`;
  expect(refusal!.code, seen).toBe(expected.code);
  if (expected.message !== undefined) expect(refusal!.message, seen).toMatch(expected.message);
  if (expected.constraint !== undefined) {
    expect(refusal!.constraint, seen).toBe(expected.constraint);
    expect(refusal!.where, `${seen}: raised by a function, not the constraint`).toBeUndefined();
  } else {
    const [trigger, ...others] = await queryRows<{ fn: string }>(
      db(),
      sql`select p.proname as fn from pg_trigger t
          join pg_proc p on p.oid = t.tgfoid
          join pg_class c on c.oid = t.tgrelid
          where t.tgname = ${expected.trigger} and not t.tgisinternal and t.tgenabled <> 'D'
            and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`,
    );
    expect(trigger, `${label}: no such enabled trigger`).toBeDefined();
    expect(others, `${label}: trigger name on several tables`).toEqual([]);
    expect(refusal!.constraint, seen).toBeUndefined();
    expect(refusal!.where?.split("\n")[0], seen).toMatch(
      new RegExp(`^PL/pgSQL function ${trigger!.fn}\\(\\) line \\d+ at RAISE$`),
    );
  }
  return refusal!;
}
