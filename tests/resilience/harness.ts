/**
 * What the resilience tests share: a database of their own (PostgreSQL when DATABASE_URL is set,
 * else a PGlite directory), the production server started against it as a separate process that a
 * test may kill, a signed-in session, and forms submitted the way a browser without JavaScript
 * submits them (the page's own hidden action fields, multipart), so every write goes through the
 * real server action with its authentication, validation and transaction.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { DEMO_PASSWORD } from "@/db/seed";
import { signIn as signInWithPassword, treePids, treeRss } from "../../scripts/lib";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface TestDatabase {
  env: Record<string, string>;
  open(): DatabaseHandle;
  drop(): Promise<void>;
  label: string;
}

/** A fresh, migrated, seeded database for one test file. */
export async function createTestDatabase(name: string, patients = 20): Promise<TestDatabase> {
  const server = process.env.DATABASE_URL;
  let db: TestDatabase;
  if (server) {
    const database = `cb_resilience_${name}_${process.pid}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.unsafe(`create database "${database}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${database}`;
    db = {
      label: "PostgreSQL",
      env: { DATABASE_URL: url.toString(), PGLITE_DIR: "" },
      open: () => openDatabase({ url: url.toString() }),
      drop: async () => {
        const sql = postgres(server, { max: 1, onnotice: () => {} });
        await sql.unsafe(`drop database if exists "${database}" with (force)`);
        await sql.end();
      },
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), `cb-resilience-${name}-`));
    db = {
      label: "PGlite",
      env: { DATABASE_URL: "", PGLITE_DIR: dir },
      open: () => openDatabase({ url: "", pgliteDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // Seeded by a process of its own: a PGlite directory is safe to hand to the server only once
  // the process that wrote it has exited (a close in this process may still be finishing).
  const seeded = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["scripts/db.ts", "seed", "--patients", String(patients)],
    {
      cwd: ROOT,
      // The servers' secret: the seed seals the demo's authenticator key under it.
      env: { ...process.env, AUTH_SECRET, ...db.env },
      encoding: "utf8",
    },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stdout}${seeded.stderr}`);
  return db;
}

export interface Server {
  base: string;
  process: ChildProcess;
  output(): string;
  /** Resident memory of the server and its children, bytes. */
  rss(): number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export const AUTH_SECRET = randomBytes(33).toString("base64");

/** `next start` on a port. */
export async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...env,
        AUTH_SECRET,
        // Required in production (lib/env.ts); links handed out point back at this server.
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
    try {
      const response = await fetch(`${base}/login`, { redirect: "manual" });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    process: child,
    output: () => output,
    rss: () => treeRss(child.pid!),
    kill: async (signal = "SIGTERM") => {
      // `next start` runs the server in a child of its own process group (next-server): signal
      // every process of the tree, children first, and wait until each is gone, so that a server
      // started next never shares the data directory with a dying one.
      const pids = treePids(child.pid!).reverse();
      for (const pid of pids) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
      await exited;
      for (let i = 0; i < 200 && pids.some(alive); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/** Whether a process still runs (a zombie has finished). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Signs in with the demo password; returns the session cookie. */
export function signIn(base: string, email: string): Promise<string> {
  return signInWithPassword(base, email, DEMO_PASSWORD);
}

const decode = (value: string) =>
  value
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/**
 * The hidden fields of the first form on a page that has a field of this name: the action
 * reference, its bound arguments and key, and hidden values such as a version.
 */
export function formWith(html: string, fieldName: string): Record<string, string> {
  for (const match of html.matchAll(/<form[\s\S]*?<\/form>/g)) {
    const form = match[0];
    if (!form.includes(`name="${fieldName}"`)) continue;
    const fields: Record<string, string> = {};
    for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
      fields[decode(input[1]!)] = decode(input[2] ?? "");
    }
    return fields;
  }
  throw new Error(`no form with a field named ${fieldName}`);
}

/** Submits a form as a browser without JavaScript does; does not follow the redirect. */
export async function submitForm(
  url: string,
  cookie: string,
  fields: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return fetch(url, { method: "POST", body, headers: { Cookie: cookie }, redirect: "manual", signal });
}

/** The id of the first patient the staff search finds for a name. */
export async function patientId(base: string, cookie: string, name: string): Promise<string> {
  const html = await (
    await fetch(`${base}/patients?q=${encodeURIComponent(name)}`, { headers: { Cookie: cookie } })
  ).text();
  const id = /href="\/patients\/([0-9a-f-]{36})"/.exec(html)?.[1];
  if (!id) throw new Error(`no patient found for ${name}`);
  return id;
}
