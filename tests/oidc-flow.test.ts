import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { sessionIdFromCookies } from "@/lib/auth/session-token";
import { endSession, validateSession } from "@/lib/auth/sessions";
import { createUser } from "./support/factories";

/**
 * The whole authorization code flow, in process: Auth.js's own routes (through our route handler)
 * against the real OpenID provider the end-to-end tests use (e2e/oidc/provider.ts, oidc-provider),
 * with a cookie jar standing in for the browser. The faults are chosen by the login name.
 */
const op = vi.hoisted(() => ({ issuer: "" }));
vi.mock(import("@/lib/auth/oidc/provider"), async (original) => ({
  ...(await original()),
  oidcConfig: () => ({ issuer: op.issuer, clientId: "carebridge", clientSecret: "e2e-secret", name: "Test" }),
}));

const APP = "http://127.0.0.1:3100";
let child: ChildProcess;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  op.issuer = `http://127.0.0.1:${port}`;
  child = spawn("node_modules/.bin/tsx", ["e2e/oidc/provider.ts"], {
    env: { ...process.env, OIDC_TEST_PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  // A loaded two-core machine can take a while to start tsx and oidc-provider.
  for (let i = 0; i < 450 && exited === null; i++) {
    const up = await fetch(`${op.issuer}/.well-known/openid-configuration`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the test OpenID provider did not start (exit code ${exited})`);
}, 120_000);

afterAll(() => {
  if (child?.pid) process.kill(-child.pid, "SIGTERM");
});

let browsers = 0;

/** One browser: its cookies for 127.0.0.1 (both servers; cookies do not tell ports apart) and its address. */
function browser() {
  const jar = new Map<string, string>();
  browsers += 1;
  const ip = `10.88.${Math.floor(browsers / 250)}.${browsers % 250}`;
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const gone = attributes.some((a) => /^\s*max-age=0$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, pair!.slice(name.length + 1));
    }
  };
  const headers = (extra: Record<string, string> = {}) => ({
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    "x-carebridge-peer": ip,
    ...extra,
  });

  /** Clicks "Sign in with …", signs in at the provider as `login`, and returns where Carebridge lands. */
  async function signIn(login: string): Promise<string> {
    const csrf = await GET(new Request(`${APP}/api/auth/csrf`, { headers: headers() }) as never);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const started = await POST(
      new Request(`${APP}/api/auth/signin/oidc`, {
        method: "POST",
        headers: headers({ "content-type": "application/x-www-form-urlencoded" }),
        body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/dashboard` }),
      }) as never,
    );
    keep(started);
    let url = started.headers.get("location")!;
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(APP)) {
        const back = await GET(new Request(url, { headers: headers() }) as never);
        keep(back);
        return back.headers.get("location")!;
      }
      const response = await fetch(url, { redirect: "manual", headers: headers() });
      keep(response);
      if (response.status === 200) {
        // oidc-provider's development login form: any login, any password.
        const action = /action="([^"]+)"/.exec(await response.text())![1]!;
        const posted = await fetch(new URL(action, url), {
          method: "POST",
          redirect: "manual",
          headers: headers({ "content-type": "application/x-www-form-urlencoded" }),
          body: new URLSearchParams({ prompt: "login", login, password: "any" }),
        });
        keep(posted);
        url = new URL(posted.headers.get("location")!, url).href;
      } else {
        url = new URL(response.headers.get("location")!, url).href;
      }
    }
    throw new Error("too many redirects");
  }
  const cookie = (name: string) => (jar.has(name) ? `${name}=${jar.get(name)}` : null);
  return { ip, signIn, cookie, hasSession: () => jar.has("authjs.session-token") };
}

async function auditedReasons(ip: string) {
  const rows = await db()
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.ipAddress, ip), eq(auditEvents.action, "auth.sso-sign-in-failed")));
  return rows.map((r) => r.details);
}

describe("single sign-on, end to end against oidc-provider", () => {
  it("signs a staff member in with Carebridge's role, not the provider's admin claim; sign-out ends it", async () => {
    const staff = await createUser("coordinator");
    const b = browser();
    expect(await b.signIn(staff.email)).toBe(`${APP}/dashboard`);
    const rows = await db().select().from(sessions).where(eq(sessions.userId, staff.id));
    expect(rows).toMatchObject([{ role: "coordinator", authMethod: "sso", stage: "full", ipAddress: b.ip }]);
    // The cookie carries that session row's id, and the row makes a coordinator of its bearer.
    const sid = await sessionIdFromCookies(b.cookie("authjs.session-token"), process.env.AUTH_SECRET!);
    expect(sid).toBe(rows[0]!.id);
    const check = await validateSession(sid!);
    expect(check).toMatchObject({ ok: true, actor: { userId: staff.id, role: "coordinator" } });
    if (!check.ok) return;
    await endSession(check.actor, "sign-out");
    expect(await validateSession(sid!)).toEqual({ ok: false, reason: "sign-out" });
  });

  it("refuses what Auth.js checks (audience, expiry, a replayed nonce) and audits each callback", async () => {
    const staff = await createUser("advocate");
    for (const fault of ["wrong-aud", "expired"]) {
      const b = browser();
      expect(await b.signIn(`${fault}:${staff.email}`)).toBe(`${APP}/login?error=Configuration`);
      expect(b.hasSession()).toBe(false);
      expect(await auditedReasons(b.ip)).toEqual([{ reason: "callback-error", check: "Configuration" }]);
    }
    const b = browser();
    expect(await b.signIn(`replay:${staff.email}`)).toBe(`${APP}/dashboard`);
    expect(await b.signIn(`replay:${staff.email}`)).toBe(`${APP}/login?error=Configuration`);
    expect(await auditedReasons(b.ip)).toEqual([{ reason: "callback-error", check: "Configuration" }]);
  });

  it("refuses what only we check: a forged signature, an unverified or unknown email, a deactivated account", async () => {
    const staff = await createUser("coordinator");
    const cases: [string, Record<string, string>][] = [
      [`bad-sig:${staff.email}`, { reason: "invalid-id-token", check: "signature" }],
      [`unverified:${staff.email}`, { reason: "unverified-email" }],
      ["nobody@carebridge.example", { reason: "unknown-email" }],
    ];
    for (const [login, reason] of cases) {
      const b = browser();
      expect(await b.signIn(login)).toBe(`${APP}/login?sso=refused`);
      expect(b.hasSession()).toBe(false);
      expect(await auditedReasons(b.ip)).toEqual([reason]);
    }
    await db().update(users).set({ active: false }).where(eq(users.id, staff.id));
    const b = browser();
    expect(await b.signIn(staff.email)).toBe(`${APP}/login?sso=refused`);
    expect(await auditedReasons(b.ip)).toEqual([{ reason: "inactive" }]);
  });
});
