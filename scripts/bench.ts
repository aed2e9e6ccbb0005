/**
 * `npm run bench`: the portal under load at a chosen scale, with two references, in one table.
 *
 *   npm run bench -- --patients 10000            PostgreSQL (DATABASE_URL's server, else 127.0.0.1:5432)
 *   npm run bench -- --patients 1000 --pglite    embedded PGlite
 *   npm run bench -- --quick                     1,000 patients, 3 s a page (CI runs this)
 *   npm run bench -- --patients 100000 --seed-only   prepare a scale's database and stop
 *   npm run bench -- --notifications             10,000 reminders due at once (scripts/bench/notifications.ts)
 *
 * Seeds a separate database (carebridge_bench_<n>, or .data/bench/pglite-<n>) with the demo seed
 * grown to the benchmark's volumes (db/seed-scale.ts), kept for the next run (--reseed rebuilds it);
 * builds and starts `next start` with the benchmark's floor page and statement counter enabled;
 * signs in as the role each page is for; drives every page with autocannon. Reports requests/s,
 * p50/p95/p99, throughput as a share of the floor (and of the node:http limit for the patient
 * overview), SQL statements per request, HTML and RSC bytes, the gzipped client JavaScript the
 * page loads, and the server's peak RSS; writes the same as JSON under bench/results/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, queryRows } from "@/db/client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase } from "@/db/seed";
import { BENCH_CONVERSATION, scaleUp } from "@/db/seed-scale";
import { benchNotifications, startCountingSmtp } from "./bench/notifications";
import { type Row, table, targetsMissed } from "./bench/targets";
import { bin, buildIfNeeded, DATA_DIR, ROOT, serverNodeOptions, signIn, treeRss } from "./lib";

const { values } = parseArgs({
  options: {
    patients: { type: "string" },
    quick: { type: "boolean", default: false },
    pglite: { type: "boolean", default: false },
    seconds: { type: "string" },
    connections: { type: "string", default: "10" },
    reseed: { type: "boolean", default: false },
    only: { type: "string" },
    "seed-only": { type: "boolean", default: false },
    notifications: { type: "boolean", default: false },
    reminders: { type: "string", default: "10000" },
  },
});
const PATIENTS = Number(values.patients ?? (values.quick ? 1000 : 10000));
const SECONDS = Number(values.seconds ?? (values.quick ? 3 : 15));
const CONNECTIONS = Number(values.connections);
const DRIVER = values.pglite ? "pglite" : "postgres";
const PORT = 3300;
const LIMIT_PORT = 3301;
const BASE = `http://127.0.0.1:${PORT}`;
const PATIENT_WITH_HISTORY = "patient100011@carebridge.example";
/** The patient of the staff pages (CB-100001), whose 200-message conversation db/seed-scale.ts makes. */
const PATIENT_IN_CONVERSATION = DEMO_ACCOUNTS.patient;

interface Target {
  name: string;
  path: string;
  email?: string;
  base?: string;
  /** Request headers beyond the session cookie (the gzip row: what a browser sends). */
  headers?: Record<string, string>;
}

function adminUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

function benchDatabaseUrl(): string {
  const url = new URL(adminUrl());
  url.pathname = `/carebridge_bench_${PATIENTS}`;
  return url.toString();
}

const pgliteDir = path.join(DATA_DIR, "bench", `pglite-${PATIENTS}`);

/** The database the server will use: made (and kept) once per scale. */
async function prepareDatabase(): Promise<{ env: Record<string, string>; seedSeconds: number | null }> {
  const env: Record<string, string> =
    DRIVER === "postgres"
      ? { DATABASE_URL: benchDatabaseUrl(), PGLITE_DIR: "" }
      : { DATABASE_URL: "", PGLITE_DIR: pgliteDir };
  const open = () =>
    DRIVER === "postgres" ? openDatabase({ url: env.DATABASE_URL }) : openDatabase({ pgliteDir });
  if (!values.reseed) {
    const ready = await isSeeded(open).catch(() => false);
    if (ready) {
      console.log(`• Using the benchmark database seeded earlier (${PATIENTS} patients, ${DRIVER}).`);
      return { env, seedSeconds: null };
    }
  }
  if (DRIVER === "postgres") {
    const name = `carebridge_bench_${PATIENTS}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
  } else {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  console.log(`• Seeding ${PATIENTS} patients (${DRIVER}); this is done once per scale…`);
  const started = Date.now();
  const handle = open();
  try {
    await migrateDatabase(handle);
    await seedDatabase(handle.db, { patients: PATIENTS });
    const demo = Date.now() - started;
    const timings = await scaleUp(handle.db, process.env.ORG_TIME_ZONE ?? "America/New_York");
    const counts = await queryRows<{ table: string; rows: number }>(
      handle.db,
      sql`
      select 'appointments' as table, count(*)::int as rows from appointments
      union all select 'messages', count(*)::int from messages
      union all select 'concerns', count(*)::int from concerns
      union all select 'rights requests', count(*)::int from rights_requests
      union all select 'care plan versions', count(*)::int from care_plan_versions
      union all select 'audit events', count(*)::int from audit_events`,
    );
    console.log(
      `  demo seed ${(demo / 1000).toFixed(1)} s; then ${Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(", ")}`,
    );
    console.log(`  ${counts.map((r) => `${r.rows} ${r.table}`).join(", ")}`);
  } finally {
    await handle.close();
  }
  return { env, seedSeconds: (Date.now() - started) / 1000 };
}

/** How many migrations the code has: the entries of drizzle-kit's journal. */
function migrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  return (journal.entries as unknown[]).length;
}

async function isSeeded(open: () => ReturnType<typeof openDatabase>): Promise<boolean> {
  if (DRIVER === "pglite" && !existsSync(pgliteDir)) return false;
  const handle = open();
  try {
    // A kept database is never migrated: one made before the newest migration is made again.
    const [applied] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    if (applied?.n !== migrationCount()) return false;
    const [row] = await queryRows<{ patients: number; audit: number; conversation: number }>(
      handle.db,
      sql`select (select count(*)::int from patients) as patients, (select count(*)::int from audit_events where action = 'patient.read') as audit,
        (select count(*)::int from messages m join message_threads t on t.id = m.thread_id where t.subject = ${BENCH_CONVERSATION}) as conversation`,
    );
    if (!row) return false;
    return row.patients === PATIENTS && row.audit >= PATIENTS * 20 && row.conversation >= 200;
  } finally {
    await handle.close();
  }
}

/** The ids and words the page list needs, read before the server takes the database. */
async function resolvePaths(
  env: Record<string, string>,
): Promise<{ patientId: string; search: string; conversationId: string }> {
  const handle =
    DRIVER === "postgres" ? openDatabase({ url: env.DATABASE_URL }) : openDatabase({ pgliteDir });
  try {
    const rows = await queryRows<{ id: string; family_name: string }>(
      handle.db,
      sql`select id, family_name from patients where mrn in ('CB-100001', 'CB-100006') order by mrn`,
    );
    const [conversation] = await queryRows<{ id: string }>(
      handle.db,
      sql`select id from message_threads where patient_id = ${rows[0]!.id} and subject = ${BENCH_CONVERSATION}`,
    );
    return {
      patientId: rows[0]!.id,
      search: rows[1]!.family_name.slice(0, 4),
      conversationId: conversation!.id,
    };
  } finally {
    await handle.close();
  }
}

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const errors: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    errors.push(chunk.toString());
    if (errors.length > 50) errors.shift();
  });
  child.on("exit", (code, signal) => {
    if (code && !stopping) console.error(`${command} exited (${code ?? signal}):\n${errors.join("")}`);
  });
  return child;
}
let stopping = false;

async function waitFor(url: string, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

async function statements(): Promise<number> {
  const response = await fetch(`${BASE}/bench/stats`);
  return ((await response.json()) as { statements: number }).statements;
}

/** The gzipped size of every script the HTML loads from the build. */
function clientJs(html: string): number {
  let total = 0;
  const seen = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="\/_next\/static\/([^"?]+)/g)) {
    const file = path.join(ROOT, ".next", "static", match[1]!);
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

async function load(
  url: string,
  cookie: string | undefined,
  seconds: number,
  extra: Record<string, string> = {},
) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { ...extra, ...(cookie ? { Cookie: cookie } : {}) },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, time) => latencies.push(time));
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function measure(target: Target, cookie: string | undefined, countSql: boolean) {
  const base = target.base ?? BASE;
  const url = `${base}${target.path}`;
  const headers = { ...target.headers, ...(cookie ? { Cookie: cookie } : {}) };
  const first = await fetch(url, { headers, redirect: "manual" });
  // fetch decompresses: the HTML column is the page's size before any compression.
  const html = await first.text();
  if (first.status !== 200) throw new Error(`${target.path} answered ${first.status}`);
  // Warm up (JIT, connection pool, the database's cache) before anything is counted.
  await load(url, cookie, Math.min(2, SECONDS), target.headers);
  let sqlStatements: number | null = null;
  if (countSql) {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = await statements();
      await (await fetch(url, { headers })).text();
      counts.push((await statements()) - before);
    }
    sqlStatements = counts.sort((a, b) => a - b)[1]!;
  }
  let rscBytes: number | null = null;
  if (!target.base) {
    const rsc = await fetch(url, { headers: { ...headers, RSC: "1" } });
    rscBytes = (await rsc.arrayBuffer()).byteLength;
  }
  const figures = await load(url, cookie, SECONDS, target.headers);
  return {
    ...figures,
    sqlStatements,
    htmlBytes: Buffer.byteLength(html),
    rscBytes,
    clientJsGzipBytes: target.base ? null : clientJs(html),
  };
}

async function main() {
  console.log(
    `Carebridge benchmark: ${PATIENTS} patients on ${DRIVER}, ${CONNECTIONS} connections, ${SECONDS} s a page`,
  );
  if (values.notifications && DRIVER !== "postgres")
    throw new Error("--notifications runs on PostgreSQL: it writes the reminders from a second process.");
  const { env: dbEnv, seedSeconds } = await prepareDatabase();
  if (values["seed-only"]) return;
  // The reminders' SMTP server, in this process (only for --notifications).
  const smtp = values.notifications ? await startCountingSmtp() : null;
  await buildIfNeeded();
  const { patientId, search, conversationId } = await resolvePaths(dbEnv);
  const secret = randomBytes(33).toString("base64");
  const serverEnv = {
    ...process.env,
    ...dbEnv,
    AUTH_SECRET: secret,
    CAREBRIDGE_BENCH: "1",
    // Required in production (lib/env.ts); links handed out point back at this server.
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    NODE_ENV: "production",
    // As npm start runs it (scripts/lib.ts).
    NODE_OPTIONS: serverNodeOptions(),
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // The pages' runs leave the queue alone: the statement counter is the process's, and the
    // five-minutely overdue check firing during a page's counted request added its statements to
    // the page's (14 for "patient messages" in one run at 1,000 patients, 5 on a re-run).
    ...(smtp ? { SMTP_URL: smtp.url, NOTIFICATIONS_WORKER: "on" } : { NOTIFICATIONS_WORKER: "off" }),
  } as NodeJS.ProcessEnv;
  const server = startProcess(bin("next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], serverEnv);
  let limit: ChildProcess | null = null;
  let peakRss = 0;
  const sampler = setInterval(() => {
    if (server.pid) peakRss = Math.max(peakRss, treeRss(server.pid));
  }, 200);
  try {
    await waitFor(`${BASE}/login`);
    if (DRIVER === "postgres") {
      limit = startProcess(
        process.execPath,
        [
          "--import",
          "tsx",
          "--import",
          "./scripts/bench/server-only-hook.mjs",
          "scripts/bench/limit-server.tsx",
        ],
        { ...serverEnv, PORT: String(LIMIT_PORT) },
      );
      await waitFor(`http://127.0.0.1:${LIMIT_PORT}/`);
    }
    const cookies: Record<string, string> = {};
    for (const email of [
      DEMO_ACCOUNTS.coordinator,
      DEMO_ACCOUNTS.advocate,
      PATIENT_WITH_HISTORY,
      PATIENT_IN_CONVERSATION,
    ]) {
      cookies[email] = await signIn(BASE, email, DEMO_PASSWORD);
    }
    const coordinator = DEMO_ACCOUNTS.coordinator;
    const advocate = DEMO_ACCOUNTS.advocate;
    if (smtp) {
      const result = await benchNotifications(
        {
          databaseUrl: dbEnv.DATABASE_URL!,
          reminders: Number(values.reminders),
          page: {
            name: "patient overview",
            url: `${BASE}/patients/${patientId}`,
            cookie: cookies[coordinator]!,
          },
          load,
          seconds: SECONDS,
        },
        smtp,
      );
      console.log(`server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
      writeResults(`notifications-${PATIENTS}`, { ...result, serverPeakRssBytes: peakRss });
      await smtp.close();
      return;
    }
    const targets: Target[] = [
      { name: "coordinator dashboard", path: "/dashboard", email: coordinator },
      { name: "patients, searched", path: `/patients?q=${encodeURIComponent(search)}`, email: coordinator },
      { name: "patient overview", path: `/patients/${patientId}`, email: coordinator },
      { name: "care plan", path: `/patients/${patientId}/care-plan`, email: coordinator },
      // The same page gzipped by the server, as a browser asks for it: in-process compression's cost.
      {
        name: "patient overview, gzip",
        path: `/patients/${patientId}`,
        email: coordinator,
        headers: { "Accept-Encoding": "gzip, deflate, br" },
      },
      { name: "conversation, 200 messages", path: `/patients/${patientId}/messages`, email: coordinator },
      { name: "staff inbox", path: "/messages", email: coordinator },
      { name: "my work", path: "/my-work", email: coordinator },
      { name: "schedule, week", path: "/schedule?view=week", email: coordinator },
      { name: "concerns worklist", path: "/concerns", email: advocate },
      { name: "rights requests", path: "/rights-requests", email: advocate },
      { name: "equity report", path: "/reports", email: advocate },
      { name: "notifications", path: "/notifications", email: coordinator },
      { name: "needs & referrals", path: `/patients/${patientId}/needs`, email: advocate },
      { name: "who decides", path: `/patients/${patientId}/directives`, email: coordinator },
      { name: "decision records", path: `/patients/${patientId}/decisions`, email: coordinator },
      { name: "services directory", path: "/services", email: advocate },
      { name: "patient /me (long history)", path: "/me", email: PATIENT_WITH_HISTORY },
      { name: "patient messages", path: "/me/messages", email: PATIENT_IN_CONVERSATION },
      { name: "patient screening", path: "/me/screening", email: PATIENT_IN_CONVERSATION },
      { name: "patient referrals", path: "/me/referrals", email: PATIENT_IN_CONVERSATION },
      { name: "patient decisions", path: "/me/decisions", email: PATIENT_IN_CONVERSATION },
      {
        name: "patient conversation, 200 messages",
        path: `/me/messages/${conversationId}`,
        email: PATIENT_IN_CONVERSATION,
      },
    ].filter((t) => !values.only || t.name.includes(values.only) || t.path.includes(values.only));

    const rows: Row[] = [];
    const floorFigures = await measure({ name: "floor", path: "/bench/floor" }, undefined, true);
    const floor: Row = {
      page: "floor (constant page)",
      path: "/bench/floor",
      as: "anyone",
      ...floorFigures,
      ratioToFloor: 1,
      ratioToLimit: null,
    };
    console.log(`  floor: ${floor.requestsPerSecond.toFixed(1)} req/s, p95 ${floor.p95.toFixed(0)} ms`);
    let limitRow: Row | null = null;
    if (limit) {
      const figures = await measure(
        { name: "limit", path: `/patients/${patientId}`, base: `http://127.0.0.1:${LIMIT_PORT}` },
        cookies[coordinator],
        false,
      );
      limitRow = {
        page: "limit: overview on node:http",
        path: `/patients/${patientId}`,
        as: coordinator,
        ...figures,
        ratioToFloor: figures.requestsPerSecond / floor.requestsPerSecond,
        ratioToLimit: 1,
      };
      console.log(
        `  limit: ${limitRow.requestsPerSecond.toFixed(1)} req/s, p95 ${limitRow.p95.toFixed(0)} ms`,
      );
    }
    for (const target of targets) {
      const figures = await measure(target, cookies[target.email!], true);
      const row: Row = {
        page: target.name,
        path: target.path,
        as: target.email!,
        ...figures,
        ratioToFloor: figures.requestsPerSecond / floor.requestsPerSecond,
        ratioToLimit:
          limitRow && target.name === "patient overview"
            ? figures.requestsPerSecond / limitRow.requestsPerSecond
            : null,
      };
      rows.push(row);
      console.log(`  ${row.page}: ${row.requestsPerSecond.toFixed(1)} req/s, p95 ${row.p95.toFixed(0)} ms`);
    }

    const all = [floor, ...(limitRow ? [limitRow] : []), ...rows];
    console.log(`\n${table(all, floor)}`);
    const overview = rows.find((r) => r.page === "patient overview");
    if (overview?.ratioToLimit) {
      console.log(
        `\npatient overview: ${overview.ratioToLimit.toFixed(2)} of the node:http limit's throughput`,
      );
    }
    console.log(`server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
    const misses = targetsMissed(rows, floor, CONNECTIONS, peakRss);
    console.log(misses.length ? `\nTargets missed:\n  ${misses.join("\n  ")}` : "\nEvery target holds.");

    writeResults(`${DRIVER}-${PATIENTS}${values.quick ? "-quick" : ""}`, {
      seedSeconds,
      serverPeakRssBytes: peakRss,
      floor,
      limit: limitRow,
      pages: rows,
      targetsMissed: misses,
    });
    const broken = all.filter((r) => r.errors > 0);
    if (broken.length) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    stopping = true;
    limit?.kill("SIGTERM");
    server.kill("SIGTERM");
  }
}

/** The run's figures as JSON under bench/results/, stamped with when and what. */
function writeResults(name: string, figures: Record<string, unknown>): void {
  const resultsDir = path.join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = path.join(resultsDir, `${stamp}-${name}.json`);
  const run = {
    at: new Date().toISOString(),
    driver: DRIVER,
    patients: PATIENTS,
    connections: CONNECTIONS,
    secondsPerPage: SECONDS,
  };
  writeFileSync(file, `${JSON.stringify({ ...run, ...figures }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, file)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
