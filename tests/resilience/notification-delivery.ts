/**
 * What the exactly-once tests of notifications share: the burst of events fired through the real
 * outbox by a process of its own, the standalone worker (`npm run worker`) as a process a test may
 * kill, and the outbox's state read straight from the test database.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { treePids } from "../../scripts/lib";
import { AUTH_SECRET } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const HOOK = ["--import", "./scripts/bench/server-only-hook.mjs"];

/** Fires `events` events through notifyPatientSide; returns the rows written by channel. */
export function fireBurst(
  env: Record<string, string>,
  events: number,
  label: string,
): Record<string, number> {
  const fired = spawnSync(TSX, [...HOOK, "tests/resilience/notification-burst.ts", String(events), label], {
    cwd: ROOT,
    env: { ...process.env, ...env, NOTIFICATIONS_WORKER: "off" },
    encoding: "utf8",
    maxBuffer: 10_000_000,
  });
  if (fired.status !== 0) throw new Error(`the burst failed:\n${fired.stdout}${fired.stderr}`);
  return JSON.parse(fired.stdout.trim().split("\n").at(-1)!);
}

/** `npm run worker` against the test database, in a process group of its own. */
export function startWorker(env: Record<string, string>): { child: ChildProcess; output(): string } {
  const child = spawn(TSX, [...HOOK, "scripts/worker.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // Emails carry signed unsubscribe links: the worker signs with the servers' secret.
    env: { ...process.env, ...env, AUTH_SECRET },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

/** SIGKILL to every process of the tree, children first; resolves when the top one is gone. */
export async function killTree(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  for (const pid of treePids(child.pid!).reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  await exited;
}

/**
 * The outbox rows of a burst that leave the system (email, text), by status. Some are skipped by
 * rule, not by trouble: the demo patient's granted confidential-communications request names no
 * address, so none of hers leave.
 */
export async function outboxState(url: string, label: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from notifications
      where event_key like ${`${label}:%`} and channel <> 'portal' group by status`;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await sql.end();
  }
}

/** Runs statements against the test database (test-only queue settings; reading the outbox). */
export async function onDatabase<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Whether every row of the burst is settled: sent, or skipped by rule; none pending or failed. */
export const settled = (state: Record<string, number>, total: number) =>
  (state.sent ?? 0) + (state.skipped ?? 0) === total;

/** Waits until `done` holds, or fails after `seconds` saying what it last saw. */
export async function until(
  what: string,
  seconds: number,
  check: () => Promise<{ done: boolean; seen: unknown }>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { done, seen } = await check();
    if (done) return;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${seconds} s; last seen ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
