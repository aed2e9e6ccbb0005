import { expect, test } from "@playwright/test";
import { ACCOUNTS, type AccountKey, HOME, signIn, signInAs } from "./support";

test.describe("signing in and out @smoke", () => {
  for (const account of ["admin", "coordinator", "advocate", "patient", "family"] as AccountKey[]) {
    test(`${account} signs in, lands on their home page, and signs out`, async ({ page }) => {
      await signInAs(page, account);
      await expect(page).toHaveURL(new RegExp(`${HOME[account]}$`));
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      // The demo patient's portal is in Spanish, her preferred language.
      await page.getByRole("button", { name: /^(Sign out|Cerrar sesión)$/ }).click();
      await expect(page).toHaveURL(/\/login\?signedOut=1$/);
      await expect(page.getByText("You have signed out.")).toBeVisible();
      // The old page is gone with the session.
      await page.goto(HOME[account]);
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    await signIn(page, ACCOUNTS.advocate, "not-the-right-password");
    const wrongPassword = await page.getByRole("alert").filter({ hasText: "do not match" }).textContent();
    await signIn(page, "nobody-here@carebridge.example", "not-the-right-password");
    const unknownEmail = await page.getByRole("alert").filter({ hasText: "do not match" }).textContent();
    expect(wrongPassword).toBeTruthy();
    expect(unknownEmail).toBe(wrongPassword);
    await expect(page.getByLabel("Email")).toHaveValue("nobody-here@carebridge.example");
  });

  test("an empty form gets a message on each field and nothing else happens", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("a signed-in person who opens /login goes to their home page", async ({ page }) => {
    await signInAs(page, "coordinator");
    await page.goto("/login");
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
