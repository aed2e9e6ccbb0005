import { readdirSync, readFileSync } from "node:fs";
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

export function storageFor(account: AccountKey): string {
  return `e2e/.auth/${account}.json`;
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, account: AccountKey): Promise<void> {
  await signIn(page, ACCOUNTS[account]);
  await expect(page).toHaveURL(new RegExp(`${HOME[account]}$`));
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
