/**
 * `npm test`: every test, in order: types, lint, integration (vitest, against PGlite or the
 * PostgreSQL of DATABASE_URL), the browser suite (Playwright against `next start`), the
 * resilience suite (races under a crash, a database outage, a five-minute soak), and the benchmark's quick
 * run (so it never rots; its figures are printed, not judged).
 * Flags: --only unit|e2e|resilience, --smoke (the @smoke subset of the browser suite; the default
 * under CI=true on PGlite), --full (the whole browser suite even there); any other
 * arguments pick browser spec files, e.g. `npm run test:e2e -- e2e/care-plans.spec.ts`.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, stripVTControlCharacters } from "node:util";
import postgres from "postgres";
import { bin, buildIfNeeded, DATA_DIR, hasCommand, run } from "./lib";

const CHROMIUM = "/usr/bin/chromium";
const RESULTS = path.join(DATA_DIR, "test-results");

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
/** Each failed test by file and name, printed again at the very end so a long log's tail names it. */
const failedTests: string[] = [];

async function step(name: string, command: string, args: string[], env = process.env): Promise<void> {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const code = await run(command, args, env);
  console.log(
    `  ${name}: ${code === 0 ? "ok" : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failures.push(name);
}

function countVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    testResults: {
      name: string;
      message?: string;
      assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests;
  for (const suite of report.testResults) {
    const where = path.relative(process.cwd(), suite.name);
    const failed = suite.assertionResults.filter((t) => t.status === "failed");
    for (const test of failed)
      failedTests.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that fails before its tests run (an import or a hook) has no failed test of its own.
    if (failed.length === 0 && suite.message) failedTests.push(`${where}: ${firstLine(suite.message)}`);
  }
}

const firstLine = (text = "") => text.trim().split("\n")[0]!.slice(0, 300);

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    ok: boolean;
    file: string;
    tests: { results: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

function failedSpecs(suite: PlaywrightSuite, titles: string[] = []): string[] {
  // The top-level suites are files; their titles are the file names the spec already carries.
  const trail = suite.title && suite.file !== suite.title ? [...titles, suite.title] : titles;
  const own = (suite.specs ?? [])
    .filter((spec) => !spec.ok)
    .map((spec) => {
      const error = spec.tests.flatMap((t) => t.results).find((r) => r.error)?.error?.message;
      // Playwright colours its messages; the log is read as text.
      const plain = firstLine(stripVTControlCharacters(error ?? ""));
      return `${spec.file} › ${[...trail, spec.title].join(" › ")}: ${plain}`;
    });
  return [...own, ...(suite.suites ?? []).flatMap((child) => failedSpecs(child, trail))];
}

function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: PlaywrightSuite[];
  };
  tally.passed += report.stats.expected + report.stats.flaky;
  tally.failed += report.stats.unexpected;
  tally.skipped += report.stats.skipped;
  failedTests.push(...report.suites.flatMap((suite) => failedSpecs(suite)));
}

async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && hasCommand("apt-get")) {
    console.log("• Chromium is missing: installing Debian's chromium with apt-get…");
    let code = await run("apt-get", ["update", "-qq"]);
    if (code === 0)
      code = await run("apt-get", ["install", "-y", "-qq", "chromium"], {
        ...process.env,
        DEBIAN_FRONTEND: "noninteractive",
      });
    if (code === 0 && existsSync(CHROMIUM)) return;
  }
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}. Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu) and run npm test again.`,
  );
}

/** Two fresh databases for the browser suite: "main" for most specs, "aux" for the ones that lock, deactivate or time out accounts. */
async function prepareE2eDatabases(secret: string): Promise<Record<"main" | "aux", Record<string, string>>> {
  const serverUrl = process.env.DATABASE_URL;
  const envs: Record<"main" | "aux", Record<string, string>> = { main: {}, aux: {} };
  for (const which of ["main", "aux"] as const) {
    if (serverUrl) {
      const url = new URL(serverUrl);
      const name = `${url.pathname.slice(1) || "postgres"}_e2e_${which}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      await admin.end();
      url.pathname = `/${name}`;
      envs[which] = { DATABASE_URL: url.toString() };
    } else {
      const dir = path.join(DATA_DIR, "e2e", which);
      rmSync(dir, { recursive: true, force: true });
      envs[which] = { PGLITE_DIR: dir, DATABASE_URL: "" };
    }
    const code = await run(bin("tsx"), ["scripts/db.ts", "seed"], {
      ...process.env,
      ...envs[which],
      AUTH_SECRET: secret,
    });
    if (code !== 0) throw new Error(`could not prepare the ${which} test database`);
  }
  return envs;
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { only: { type: "string" }, smoke: { type: "boolean" }, full: { type: "boolean" } },
    allowPositionals: true,
  });
  const only = values.only as "unit" | "e2e" | "resilience" | undefined;
  mkdirSync(RESULTS, { recursive: true });
  const started = Date.now();
  const where = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
  console.log(`Carebridge tests against ${where}`);
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  if (only === undefined || only === "unit") {
    await step("typecheck", bin("tsc"), ["--noEmit"]);
    await step("lint", bin("biome"), ["check", "."]);
    const vitestReport = path.join(RESULTS, "vitest.json");
    rmSync(vitestReport, { force: true });
    await step("integration tests", bin("vitest"), [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${vitestReport}`,
    ]);
    countVitest(vitestReport);
  }

  // CI runs the whole browser suite on PostgreSQL and its @smoke subset on PGlite: the same pages
  // and policy on both databases, without doubling the slowest step (ask for the full run with --full).
  const smoke =
    values.smoke ||
    (process.env.CI === "true" && !process.env.DATABASE_URL && !values.full && positionals.length === 0);
  if (smoke && !values.smoke)
    console.log("\nCI on PGlite: the browser suite's @smoke subset (the full suite runs on PostgreSQL)");

  if (only === undefined || only === "e2e") {
    try {
      await ensureChromium();
      await buildIfNeeded();
      // Before the seed: the demo's authenticator secret is sealed under the run's AUTH_SECRET.
      const secret = randomBytes(33).toString("base64");
      const envs = await prepareE2eDatabases(secret);
      const playwrightReport = path.join(RESULTS, "playwright.json");
      rmSync(playwrightReport, { force: true });
      await step(
        smoke ? "browser tests (smoke subset)" : "browser tests",
        bin("playwright"),
        ["test", ...(smoke ? ["--grep", "@smoke"] : []), ...positionals],
        {
          ...process.env,
          AUTH_SECRET: secret,
          E2E_MAIN_ENV: JSON.stringify(envs.main),
          E2E_AUX_ENV: JSON.stringify(envs.aux),
          PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
        },
      );
      countPlaywright(playwrightReport);
    } catch (error) {
      console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
      failures.push("browser tests (set-up)");
    }
  }

  if (only === undefined || only === "resilience") {
    const resilienceReport = path.join(RESULTS, "resilience.json");
    rmSync(resilienceReport, { force: true });
    await step("resilience tests", bin("vitest"), [
      "run",
      "--config",
      "vitest.resilience.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${resilienceReport}`,
    ]);
    countVitest(resilienceReport);
  }

  if (only === undefined && positionals.length === 0) {
    await step("benchmark (quick)", bin("tsx"), [
      "scripts/bench.ts",
      "--quick",
      ...(process.env.DATABASE_URL ? [] : ["--pglite"]),
    ]);
  }

  writeFileSync(
    path.join(RESULTS, "summary.json"),
    JSON.stringify({ ...tally, failures, failedTests, where }, null, 2),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `\nCarebridge tests against ${where} finished in ${seconds} s${failures.length ? `; failed steps: ${failures.join(", ")}` : ""}.`,
  );
  if (failedTests.length) console.log(`failed tests:\n${failedTests.map((t) => `  ✖ ${t}`).join("\n")}`);
  console.log(`tests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exit(failures.length || tally.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
