import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.join(ROOT, ".data");

/** Runs a command, streaming its output; resolves to its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The heap limit `next start` runs with (npm start and the benchmark; NODE_OPTIONS may say
 * otherwise). On this 24 GiB machine V8's default lets the old space grow for long before a major
 * collection: RSS 468 MB at 10,000 patients. Capped at 384 MB it was 247 MB with no loss of
 * throughput in the same benchmark (256 MB: 255 MB), 2026-11-28, issue 19.
 */
export function serverNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.NODE_OPTIONS ?? "";
  return /--max[-_]old[-_]space[-_]size/.test(given) ? given : `${given} --max-old-space-size=384`.trim();
}

export function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

/**
 * The secret that signs session cookies. In production with a real database it must be given;
 * for the embedded demo one is made once and kept under .data/.
 */
export function ensureAuthSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new Error(
      "AUTH_SECRET is not set. In production (NODE_ENV=production with DATABASE_URL) set AUTH_SECRET to a random string of at least 32 characters, e.g. `openssl rand -base64 33`.",
    );
  }
  const file = path.join(DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "db",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(p, entry));
    } else {
      hash.update(p);
      hash.update(readFileSync(full));
    }
  };
  for (const input of BUILD_INPUTS) visit(input);
  return hash.digest("hex");
}

/** Builds the production bundle unless the sources are exactly those of the last build. */
export async function buildIfNeeded(): Promise<void> {
  const marker = path.join(ROOT, ".next", "carebridge-build-hash");
  const current = hashInputs();
  if (
    existsSync(marker) &&
    readFileSync(marker, "utf8") === current &&
    existsSync(path.join(ROOT, ".next", "BUILD_ID"))
  ) {
    console.log("• The production build is current.");
    return;
  }
  console.log("• Building the production bundle (next build)…");
  // The build never opens the database or reads the secret: pages are dynamic.
  const code = await run(bin("next"), ["build"], { ...process.env, NODE_ENV: "production" });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  writeFileSync(marker, current);
}

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Signs in through Auth.js's credentials endpoint as a browser would; returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("authjs.session-token="));
  if (!session) {
    throw new Error(`sign-in as ${email} failed (${response.status} to ${response.headers.get("location")})`);
  }
  return session;
}

/** A process and all its descendants, parents first (Linux /proc). */
export function treePids(pid: number): number[] {
  const found: number[] = [];
  const visit = (p: number) => {
    found.push(p);
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // gone
    }
  };
  visit(pid);
  return found;
}

/** Resident memory of a process and all its descendants, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of treePids(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}
