import { readdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Carebridge-demo-2026";
export const ACCOUNTS = {
  admin: "admin@carebridge.example",
  coordinator: "coordinator@carebridge.example",
  coordinator2: "coordinator2@carebridge.example",
  advocate: "advocate@carebridge.example",
  patient: "patient@carebridge.example",
  family: "family@carebridge.example",
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

export const HOME: Record<AccountKey, string> = {
  admin: "/admin/users",
  coordinator: "/dashboard",
  coordinator2: "/dashboard",
  advocate: "/dashboard",
  patient: "/me",
  family: "/me",
};

/** The demo patient (in coordinator@'s and advocate@'s caseloads) and one outside them. */
export const OWN_MRN = "CB-100001";
export const OTHER_MRN = "CB-100002";

/**
 * The demo account with an authenticator app (db/seed/security.ts, DEMO_TOTP_SECRET): its password
 * alone opens only /login/second-factor.
 */
export const TOTP_ACCOUNT = "coordinator.2fa@carebridge.example";

/**
 * A saved sign-in: a role's, or "pending", TOTP_ACCOUNT after its password only. A pending session
 * lasts ten minutes (PENDING_SESSION_SECONDS), so a spec that runs later signs in with signInPending.
 */
export type StateKey = AccountKey | "pending";

export function storageFor(account: StateKey): string {
  return `e2e/.auth/${account}.json`;
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, account: AccountKey): Promise<void> {
  await signIn(page, ACCOUNTS[account]);
  await expect(page).toHaveURL(new RegExp(`${HOME[account]}$`));
}

/** The password of TOTP_ACCOUNT and nothing more: the session owes its second factor. */
export async function signInPending(page: Page): Promise<void> {
  await signIn(page, TOTP_ACCOUNT);
  await expect(page, "the password alone asks for the app's code").toHaveURL(/\/login\/second-factor$/);
}

/** axe on what the page shows now (an open dialog too): no serious or critical WCAG 2.1 A/AA violation. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

/** A patient's id, found the way a coordinator would: by searching their caseload for the MRN. */
export async function patientIdFor(page: Page, mrn: string): Promise<string> {
  await page.goto(`/patients?q=${mrn}`);
  const href = await page.getByRole("main").getByRole("link", { name: /,/ }).first().getAttribute("href");
  const id = href?.split("/").at(-1);
  if (!id) throw new Error(`no patient link for ${mrn}`);
  return id;
}

/** Every server action's id, by "file#exportName", read from the build as an attacker could learn it. */
export function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) ids[`${entry.filename}#${entry.exportedName}`] = id;
  }
  return ids;
}

/**
 * The page each server action is served from (the first page holding it in the build), by
 * "file#exportName", as a route pattern: "/patients/[id]/concerns". A call posted there is handled
 * there, not forwarded to another page, so the request's path is the one the action sees.
 */
export function actionPages(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers?: Record<string, unknown> }>;
  };
  const pages: Record<string, string> = {};
  for (const entry of Object.values(manifest.node)) {
    // A worker is named like the page file without its extension: "app/(portal)/me/page".
    const worker = Object.keys(entry.workers ?? {})[0];
    if (entry.filename && entry.exportedName && worker)
      pages[`${entry.filename}#${entry.exportedName}`] = routePattern(`${worker}.tsx`);
  }
  return pages;
}

export const FORM = Symbol("form data");

/**
 * Calls a server action the way the browser's router does (POST with a Next-Action header and
 * React's reply encoding), without going through any page: what an attacker can send.
 */
export function actionBody(args: unknown[], form: Record<string, string> = {}): FormData {
  const escapeDollar = (v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v);
  const body = new FormData();
  // React encodes the FormData argument "$K1" as fields prefixed "_1_", sent before the root
  // "0" that refers to them, exactly as the browser sends them.
  for (const [k, v] of Object.entries(form)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify(args.map((a) => (a === FORM ? "$K1" : escapeDollar(a)))));
  return body;
}

/**
 * A calendar day in the organisation's time zone, as the server counts it: between UTC midnight
 * and the organisation's midnight the UTC date is already tomorrow there.
 */
export function orgDate(daysAhead = 0): string {
  const zone = process.env.ORG_TIME_ZONE ?? "America/New_York";
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + daysAhead * 86_400_000));
}

/** A route file under app/ and the URL pattern Next serves it at. */
export interface AppRoute {
  file: string;
  pattern: string;
}

const ROUTE_FILE = /^(page\.(tsx|ts|jsx|js|mdx)|route\.(ts|js))$/;

/**
 * The URL pattern of a route file, as Next derives it: route groups "(portal)" and parallel-route
 * slots "@modal" are not part of the URL; dynamic segments stay as written ("[id]", "[...nextauth]").
 */
export function routePattern(file: string): string {
  const segments = file.split("/").slice(1, -1);
  // An intercepting route "(.)x" serves another route's URL: say so rather than guess its pattern.
  const intercepting = segments.find((s) => /^\(\.{1,3}\)/.test(s));
  if (intercepting)
    throw new Error(`${file}: intercepting route ${intercepting}; teach routePattern about it`);
  const kept = segments.filter((s) => !/^\(.+\)$/.test(s) && !s.startsWith("@"));
  return `/${kept.join("/")}`;
}

/** Every page and route handler under app/ as the file system has it now ("_folders" are private, not routes). */
export function appRoutes(root = "app"): AppRoute[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(`${dir}/${entry.name}`);
      } else if (ROUTE_FILE.test(entry.name)) files.push(`${dir}/${entry.name}`);
    }
  };
  walk(root);
  return files.sort().map((file) => ({ file, pattern: routePattern(file) }));
}
