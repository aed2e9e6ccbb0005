import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { AUTH_SECRET, formWith, patientId, type Server, signIn, startServer, submitForm } from "./harness";

/**
 * Database outage: PostgreSQL stops while the portal serves, then starts again. Run against a
 * throwaway cluster of the test's own (initdb and pg_ctl of the installed PostgreSQL, port 5499),
 * so the machine's shared server keeps running for everything else.
 */
const PORT = 5499;
const ROOT = path.resolve(import.meta.dirname, "../..");

function postgresBin(): string | null {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, "initdb"))) ?? null;
}

const bin = postgresBin();
const root = typeof process.getuid === "function" && process.getuid() === 0;

/** initdb refuses to run as root: as root, the cluster belongs to the postgres user. */
function asOwner(command: string, args: string[]): void {
  const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: "pipe" });
}

describe.skipIf(!bin)("a database outage", () => {
  let dir: string;
  let server: Server | null = null;
  const pgCtl = (...args: string[]) => asOwner(path.join(bin!, "pg_ctl"), ["-D", `${dir}/data`, ...args]);
  const url = `postgres://postgres@127.0.0.1:${PORT}/carebridge`;
  const startCluster = () =>
    pgCtl(
      "-o",
      `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-l",
      `${dir}/log`,
      "-w",
      "start",
    );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cb-outage-"));
    if (root) execFileSync("chown", ["postgres", dir]);
    asOwner(path.join(bin!, "initdb"), ["-D", `${dir}/data`, "-U", "postgres", "-A", "trust", "--no-sync"]);
    startCluster();
    execFileSync(path.join(bin!, "createdb"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(PORT),
      "-U",
      "postgres",
      "carebridge",
    ]);
    const seeded = spawnSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["scripts/db.ts", "seed", "--patients", "20"],
      {
        cwd: ROOT,
        // The servers' secret: the seed seals the demo's authenticator key under it.
        env: { ...process.env, AUTH_SECRET, DATABASE_URL: url },
        encoding: "utf8",
      },
    );
    if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stdout}${seeded.stderr}`);
  });

  afterAll(async () => {
    await server?.kill("SIGKILL");
    try {
      pgCtl("-m", "immediate", "stop");
    } catch {
      // already stopped
    }
    if (dir) {
      if (root) chownSync(dir, 0, 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers 503 while PostgreSQL is down, never crashes, and serves again without a restart", async () => {
    server = await startServer({ DATABASE_URL: url, PGLITE_DIR: "" }, 3151);
    const cookie = await signIn(server.base, DEMO_ACCOUNTS.coordinator);
    const page = `${server.base}/patients/${await patientId(server.base, cookie, "Alvarez")}/messages`;
    const before = await fetch(page, { headers: { Cookie: cookie } });
    expect(before.status).toBe(200);
    const hidden = formWith(await before.text(), "body");
    const pid = server.process.pid;

    pgCtl("-m", "fast", "-w", "stop");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const during = [
      await fetch(`${server.base}/dashboard`, { headers: { Cookie: cookie } }),
      await fetch(page, { headers: { Cookie: cookie } }),
      await fetch(`${server.base}/login`),
      await submitForm(page, cookie, {
        ...hidden,
        subject: "During the outage",
        body: "Written while the database was down",
      }),
    ];
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      const html = await response.text();
      expect(html).toContain("Carebridge is temporarily unavailable");
      expect(html).toContain("it was not saved");
    }
    expect(server.process.exitCode).toBeNull();

    startCluster();
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await fetch(page, { headers: { Cookie: cookie } })).status;
    }
    expect(status).toBe(200);
    // The same process, the same session: nothing was restarted, and a write goes through.
    expect(server.process.pid).toBe(pid);
    expect(server.process.exitCode).toBeNull();
    const fresh = formWith(await (await fetch(page, { headers: { Cookie: cookie } })).text(), "body");
    // The page's one form with a body is "Start a thread" (a thread's reply form opens with the thread).
    const saved = await submitForm(page, cookie, {
      ...fresh,
      subject: "After the outage",
      body: "Written after the database came back",
    });
    expect([200, 303]).toContain(saved.status);
    const after = await (await fetch(page, { headers: { Cookie: cookie } })).text();
    expect(after).toContain("Written after the database came back");
    expect(after).not.toContain("Written while the database was down");
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  });
});
