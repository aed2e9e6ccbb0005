import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type PgBoss from "pg-boss";
import type { Transaction } from "@/db/client";

// pg-boss speaks to the database through `{ executeSql(text, values) }`. These adapters let it use
// the embedded PGlite's one connection, and the app's own transaction when a job is sent together
// with the event that causes it (ADR 012). On PostgreSQL pg-boss keeps a small pool of its own.

type Rows = { rows: unknown[] };

/**
 * PGlite, shared with the app. A text without values may hold several statements (pg-boss's
 * schema install and maintenance wrap theirs in BEGIN … COMMIT): `exec` runs them and the last
 * result's rows come back. Should such a text fail after its BEGIN, PGlite would stay inside the
 * aborted transaction and every later statement of the app would fail: roll it back first.
 */
export function pgliteDb(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]): Promise<Rows> {
      if (!values || values.length === 0) {
        try {
          return { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] };
        } catch (error) {
          if (pglite.isInTransaction()) await pglite.exec("ROLLBACK");
          throw error;
        }
      }
      return { rows: (await pglite.query(text, values)).rows };
    },
  };
}

/** postgres.js refuses `undefined` and sends plain objects as text only when told: do both here. */
const postgresParameters = (values: unknown[]) =>
  values.map((v) =>
    v === undefined
      ? null
      : v !== null &&
          typeof v === "object" &&
          !Array.isArray(v) &&
          !(v instanceof Date) &&
          !(v instanceof Uint8Array)
        ? JSON.stringify(v)
        : v,
  );

type PostgresJsTransaction = { unsafe(text: string, values?: unknown[]): Promise<unknown[]> };

/**
 * The app's drizzle transaction, on either driver, for `send(…, { db })`: the job is written in
 * the same transaction as the outbox row, so both exist or neither. On PGlite this is also the
 * only safe way: a pg-boss call on the main connection inside a transaction would wait for it.
 * Drizzle keeps the driver's transaction at `tx.session.client` (pglite and postgres-js sessions).
 */
export function transactionDb(tx: Transaction): PgBoss.Db {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error("The queue needs a drizzle PGlite or postgres.js transaction.");
  if (typeof (client as PostgresJsTransaction).unsafe === "function") {
    const sql = client as PostgresJsTransaction;
    return {
      async executeSql(text: string, values: unknown[]): Promise<Rows> {
        return { rows: [...(await sql.unsafe(text, postgresParameters(values ?? [])))] };
      },
    };
  }
  const pglite = client as PgliteTransaction;
  return {
    async executeSql(text: string, values: unknown[]): Promise<Rows> {
      if (!values || values.length === 0) return { rows: (await pglite.exec(text)).at(-1)?.rows ?? [] };
      return { rows: (await pglite.query(text, values)).rows };
    },
  };
}
