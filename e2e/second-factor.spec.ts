import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn, storageFor } from "./support";
import { DEMO_TOTP_ACCOUNT, DEMO_TOTP_SECRET, enterCode, freshCode } from "./totp";

// The organisation's requirement is off on this server (the demo's setting): a second factor is
// each person's choice here. The requirement itself is e2e/second-factor.enforce.spec.ts.

/** Signs out and waits for the sign-in page, so the next sign-in starts from no session. */
async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
}

async function typeCode(page: Page, code: string, label = "Code from your app") {
  await page.getByLabel(label).fill(code);
  await page
    .getByRole("button", { name: label === "Code from your app" ? "Continue" : "Use recovery code" })
    .click();
}

test.describe("a second factor at sign-in", () => {
  test("the demo coordinator signs in with her app's code and lands on the page she asked for @smoke", async ({
    page,
  }) => {
    await page.goto("/patients");
    await expect(page).toHaveURL(/\/login\?next=%2Fpatients$/);
    // On this very page, which carries where she was going.
    await page.getByLabel("Email").fill(DEMO_TOTP_ACCOUNT);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/login\/second-factor\?next=%2Fpatients$/);
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();

    // A password alone opens nothing: every page sends the session back here.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\/second-factor\?next=%2Fdashboard$/);
    await page.goto("/login/second-factor?next=%2Fpatients");

    await typeCode(page, "000000");
    await expect(page.getByText("That code did not work.").first()).toBeVisible();
    await expect(page.getByLabel("Code from your app")).toHaveAttribute("aria-invalid", "true");

    await enterCode(page.locator("main"), DEMO_TOTP_SECRET);
    await expect(page).toHaveURL(/\/patients$/);
    await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  });

  test("a coordinator enrols an app by QR code, signs in with it, then with a recovery code once", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    // An account of the test's own, made by the admin as a person would.
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    const email = `totp.${Date.now()}@carebridge.example`;
    await admin.goto("/admin/users/new");
    await admin.getByLabel("Full name").fill("Quinn Harper");
    await admin.getByLabel("Email").fill(email);
    await admin.getByRole("combobox", { name: "Role" }).selectOption("coordinator");
    await admin.getByLabel(/Initial password/).fill(DEMO_PASSWORD);
    await admin.getByRole("button", { name: "Create the account" }).click();
    await expect(admin.getByText("Account created.")).toBeVisible();

    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("link", { name: "Sign-in security" }).click();
    await expect(page.getByRole("heading", { name: "Authenticator app: not set up." })).toBeVisible();
    await expect(page.getByRole("img", { name: /QR code to add Carebridge/ })).toBeVisible();
    const secret = (await page.getByLabel("Setup key").inputValue()).replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel("Code from your app").fill("123456");
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    await expect(page.getByText("That code did not work.").first()).toBeVisible();
    const first = await freshCode(secret);
    await page.getByLabel("Code from your app").fill(first.code);
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    const codes = page.getByRole("list", { name: "Save your recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    const recovery = await codes.allInnerTexts();
    expect(recovery.every((c) => /^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(c))).toBe(true);
    await page.getByRole("link", { name: "I saved my codes, continue" }).click();
    await expect(page.getByRole("heading", { name: "Authenticator app: on." })).toBeVisible();
    await expect(page.getByText("Recovery codes left: 10 of 10.")).toBeVisible();

    // Signing in again asks for the app; the code of the enrolment's step is not taken twice.
    await signOut(page);
    await signIn(page, email);
    await expect(page).toHaveURL(/\/login\/second-factor(\?next=%2Fdashboard)?$/);
    const second = await freshCode(secret, first.step);
    await typeCode(page, second.code);
    await expect(page).toHaveURL(/\/dashboard$/);

    // A recovery code works once.
    for (const expected of ["works", "used"] as const) {
      await signOut(page);
      await signIn(page, email);
      await expect(page).toHaveURL(/\/login\/second-factor(\?next=%2Fdashboard)?$/);
      await page.getByText("Lost your phone? Use a recovery code").click();
      await typeCode(page, recovery[0]!.toLowerCase(), "Recovery code");
      if (expected === "works") await expect(page).toHaveURL(/\/dashboard$/);
      else
        await expect(
          page.getByText("That recovery code did not work, or it was used before.").first(),
        ).toBeVisible();
    }

    // The admin sees the factor and resets it (the person lost the phone); their session ends.
    await admin.goto("/admin/users?q=Quinn");
    await admin.getByRole("link", { name: "Quinn Harper" }).first().click();
    await expect(admin.getByText(/authenticator app; 9 of 10 recovery codes left/)).toBeVisible();
    await admin.getByRole("button", { name: "Reset second factor" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Reset second factor" }).click();
    await expect(admin.getByText("Second factor reset. Their open sessions have ended.")).toBeVisible();
    await expect(admin.getByText("None set up.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?ended=second-factor-reset/);
    await expect(page.getByText("Your second factor was reset by an administrator.")).toBeVisible();
  });
});
