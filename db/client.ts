import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** The embedded database itself, for the queue to share its one connection (PGlite only). */
  pglite?: PGlite;
  /** The server's address, for the queue's own pool (PostgreSQL only). */
  url?: string;
  close(): Promise<void>;
}

// Every statement drizzle sends, counted for the benchmark's "SQL statements per request".
const COUNTER = Symbol.for("carebridge.sqlStatements");
const CAPTURE = Symbol.for("carebridge.sqlCapture");
type Captured = { query: string; params: unknown[] };
type Counter = { [COUNTER]?: number; [CAPTURE]?: Captured[] };
const logger = {
  logQuery(query: string, params: unknown[]) {
    const holder = globalThis as Counter;
    holder[COUNTER] = (holder[COUNTER] ?? 0) + 1;
    holder[CAPTURE]?.push({ query, params });
  },
};

/** The statements `work` sends, with their parameters (for the query-plan test). */
export async function captureStatements(work: () => Promise<unknown>): Promise<Captured[]> {
  const holder = globalThis as Counter;
  const captured: Captured[] = [];
  holder[CAPTURE] = captured;
  try {
    await work();
  } finally {
    holder[CAPTURE] = undefined;
  }
  return captured;
}

/** The rows of a raw `execute`: postgres.js returns an array, PGlite an object holding `rows`. */
export async function queryRows<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result = (await executor.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** How many SQL statements this process has sent so far. */
export function sqlStatementCount(): number {
  return (globalThis as Counter)[COUNTER] ?? 0;
}

/**
 * The planner's cost of a random page read, as for data on SSD or in memory (PostgreSQL's default
 * of 4 assumes spinning disks). With 4, at 10,000 patients the unread-message count read all 50,000
 * messages (8 ms) instead of the caseload's through an index (2 ms), and the caseload search's
 * cached plan scanned every patient: the staff pages served a third fewer requests than at 1,000
 * or 100,000 patients. Sent with every connection, so no server setting is needed.
 */
const PLANNER_SETTINGS = { random_page_cost: "1.1" } as const;

/** Opens a connection: postgres.js when DATABASE_URL is set, else embedded PGlite. */
export function openDatabase(options: { url?: string; pgliteDir?: string } = {}): DatabaseHandle {
  const url = options.url ?? env().DATABASE_URL;
  if (url) {
    // A short connect timeout: while the server is down a request fails in seconds, not half a minute.
    const client = postgres(url, {
      max: env().DB_POOL_MAX,
      connect_timeout: 5,
      onnotice: () => {},
      connection: PLANNER_SETTINGS,
    });
    const db = drizzlePostgres({ client, schema, logger }) as unknown as Database;
    return { db, driver: "postgres", url, close: () => client.end({ timeout: 5 }) };
  }
  const dir = options.pgliteDir ?? env().PGLITE_DIR;
  if (!dir.includes("://")) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir, { extensions: { btree_gist } });
  // PGlite has one connection: set once, queued before any other statement, it holds for all.
  // Should the database fail to open, the first real statement says so; this one stays quiet.
  client
    .exec(
      Object.entries(PLANNER_SETTINGS)
        .map(([name, value]) => `set ${name} = ${value};`)
        .join(" "),
    )
    .catch(() => {});
  const db = drizzlePglite({ client, schema, logger }) as unknown as Database;
  return { db, driver: "pglite", pglite: client, close: () => client.close() };
}

// One connection for the process (PGlite allows only one opener of its data directory),
// kept on globalThis so that every bundle of the server shares it.
const KEY = Symbol.for("carebridge.database");
type Holder = { [KEY]?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  const holder = globalThis as Holder;
  holder[KEY] ??= openDatabase();
  return holder[KEY];
}

/** The process's drizzle instance. */
export function db(): Database {
  return getDatabase().db;
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const handle = holder[KEY];
  holder[KEY] = undefined;
  await handle?.close();
}
