import { expect, type Page, test } from "@playwright/test";
import { storageFor } from "./support";

/**
 * Single sign-on for staff (ADR 014) against a real OpenID provider, oidc-provider, started by
 * Playwright from e2e/oidc/provider.ts on 127.0.0.1:3102. Its development form takes any login
 * name; a prefix on the name makes the provider misbehave in one way (see that file). Every token
 * it issues also claims `role: "admin"`.
 *
 * Subjects are the login names, so each seeded account below is linked by one name only:
 * coordinator@ (the happy path), advocate@ (sign-out), advocate2@ (replay).
 */
const SSO_BUTTON = "Sign in with Test Identity Provider";
const REFUSED = "did not match an active Carebridge staff account";
const NOT_FINISHED = "Signing in did not finish";

/**
 * Starts single sign-on from the sign-in page and, when the provider asks (it does not while its
 * own session from an earlier sign-in in this browser lasts), signs in there as `login`.
 */
async function signInWithProvider(page: Page, login: string, providerAsks = true): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  if (!providerAsks) return;
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3102\/interaction\//);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function expectRefused(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login\?sso=refused$/);
  await expect(page.getByRole("alert").filter({ hasText: REFUSED })).toBeVisible();
}

async function expectNotFinished(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: NOT_FINISHED })).toBeVisible();
}

test.describe("single sign-on for staff", () => {
  test("a seeded coordinator signs in with Carebridge's role, not the provider's admin claim", async ({
    page,
  }) => {
    await signInWithProvider(page, "coordinator@carebridge.example");
    await expect(page).toHaveURL(/\/dashboard$/);
    const banner = page.getByRole("banner");
    await expect(banner).toContainText("Casey Morgan (Care coordinator)");
    await expect(banner).not.toContainText("Administrator");
    // The admin pages stay closed to her, whatever the provider said.
    const admin = await page.goto("/admin/users");
    expect(admin?.status()).toBe(404);
  });

  test("an ID token for another audience is refused", async ({ page }) => {
    await signInWithProvider(page, "wrong-aud:coordinator@carebridge.example");
    await expectNotFinished(page);
  });

  test("an expired ID token is refused", async ({ page }) => {
    await signInWithProvider(page, "expired:coordinator@carebridge.example");
    await expectNotFinished(page);
  });

  test("an ID token with a forged signature is refused (Auth.js alone would take it)", async ({ page }) => {
    await signInWithProvider(page, "bad-sig:coordinator@carebridge.example");
    await expectRefused(page);
  });

  test("a replayed ID token is refused by its nonce", async ({ page }) => {
    // Positive control: the first sign-in with that token works.
    await signInWithProvider(page, "replay:advocate2@carebridge.example");
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    // The provider's session is still open, so it answers at once, with the first token again.
    await signInWithProvider(page, "replay:advocate2@carebridge.example", false);
    await expectNotFinished(page);
  });

  test("an email the provider has not verified is refused", async ({ page }) => {
    await signInWithProvider(page, "unverified:coordinator3@carebridge.example");
    await expectRefused(page);
  });

  test("an email with no Carebridge account is refused, and no account is made", async ({ page }) => {
    await signInWithProvider(page, "nobody@carebridge.example");
    await expectRefused(page);
  });

  test("a deactivated account cannot sign in through the provider either", async ({ browser, page }) => {
    const email = `sso.staff.${Date.now()}@carebridge.example`;
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/users/new");
    await admin.getByLabel("Full name").fill("Morgan Ellis");
    await admin.getByLabel("Email").fill(email);
    await admin.getByRole("combobox", { name: "Role" }).selectOption("coordinator");
    await admin.getByLabel(/Initial password/).fill("harbour violet compass 41");
    await admin.getByRole("button", { name: "Create the account" }).click();
    await expect(admin.getByText("Account created.")).toBeVisible();

    // Positive control: the account an admin made signs in through the provider, by its email.
    await signInWithProvider(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("banner")).toContainText("Morgan Ellis (Care coordinator)");

    await admin.getByRole("button", { name: "Deactivate account" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(admin.getByText("Account deactivated.")).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?ended=deactivated/);
    // The provider still vouches for the person; Carebridge refuses the account.
    await signInWithProvider(page, email, false);
    await expectRefused(page);
  });

  test("signing out ends the Carebridge session: its old cookie opens nothing", async ({ browser, page }) => {
    await signInWithProvider(page, "advocate@carebridge.example");
    await expect(page).toHaveURL(/\/dashboard$/);
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);

    const thief = await browser.newContext();
    await thief.addCookies(cookies);
    const stolen = await thief.newPage();
    await stolen.goto("/dashboard");
    await expect(stolen).toHaveURL(/\/login/);
    await thief.close();
  });

  test("the audit trail holds the refusals", async ({ browser }) => {
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/audit");
    await admin.getByLabel("Action").selectOption("auth.sso-sign-in-failed");
    await admin.getByRole("button", { name: "Filter" }).click();
    await expect(admin).toHaveURL(/action=auth.sso-sign-in-failed/);
    await expect(
      admin.getByRole("cell", { name: "auth.sso-sign-in-failed", exact: true }).first(),
    ).toBeVisible();
    await expect(admin.getByRole("cell", { name: "auth.sign-in", exact: true })).toHaveCount(0);
  });
});
