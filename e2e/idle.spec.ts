import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expectNoSeriousViolations, storageFor } from "./support";

// The main server's idle limit is 15 minutes: the dialog comes 2 minutes before it (ADR 015).
// The page's clock is faked; the server's is not, so its answer to "how long is left?" is faked
// too, as it would be at 13 minutes. What the buttons do reaches the real server.

/** The server's count as it would be with two minutes left; every other request goes through. */
async function twoMinutesLeft(page: Page): Promise<void> {
  await page.route("**/api/session/status", (route) =>
    route.fulfill({ json: { idleSecondsLeft: 119 }, headers: { "Cache-Control": "no-store" } }),
  );
}

/**
 * The "Stay signed in" call, a server action: answered, and its answer (a whole idle period)
 * taken in by the page, before the clock is moved on again.
 */
async function keptAlive(page: Page, press: () => Promise<void>): Promise<void> {
  const call = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await press();
  expect((await call).status()).toBe(200);
  await page.waitForTimeout(300);
}

test.describe("the idle time-out warns first", () => {
  test.use({ storageState: storageFor("coordinator") });

  test("two minutes before it a dialog offers to stay signed in, by keyboard and by button", async ({
    page,
  }) => {
    await page.clock.install();
    await twoMinutesLeft(page);
    await page.goto("/dashboard");
    const dialog = page.getByRole("dialog", { name: "Are you still there?" });
    await expect(dialog).toBeHidden();

    await page.clock.fastForward("13:01");
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAccessibleDescription(
      /^You will be signed out in 1:5\d to protect patient information\. What you have typed on this page is kept\.$/,
    );
    const stay = dialog.getByRole("button", { name: "Stay signed in" });
    await expect(stay).toBeFocused();
    // Said once by the live region, not every second.
    await expect(dialog.getByRole("status")).toHaveText(/signed out in 1:5\d/);
    await expectNoSeriousViolations(page, "the idle dialog");
    // Focus stays in the dialog: the other button is next.
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Sign out" })).toBeFocused();

    // Escape is "Stay signed in".
    await keptAlive(page, () => page.keyboard.press("Escape"));
    await expect(dialog).toBeHidden();

    // The countdown starts again from a whole idle period: the dialog comes back 13 minutes on.
    await page.clock.fastForward("12:00");
    await expect(dialog).toBeHidden();
    await page.clock.fastForward("01:01");
    await expect(dialog).toBeVisible();
    await keptAlive(page, () => stay.click());
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("a page reached starts the countdown again", async ({ page }) => {
    await page.clock.install();
    await twoMinutesLeft(page);
    await page.goto("/dashboard");
    await page.clock.fastForward("10:00");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patients" }).click();
    await expect(page).toHaveURL(/\/patients$/);
    // 14 minutes after the first page, 4 after the second: a dialog due from the first would be
    // open by now (its answer from the server is faked and immediate).
    await page.clock.fastForward("04:00");
    await page.waitForTimeout(500);
    await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeHidden();
    // The control: 13 minutes after the second page it comes.
    await page.clock.fastForward("09:01");
    await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeVisible();
  });
});

test.describe("signing in comes back to the page asked for", () => {
  test("a page opened without a session is where signing in lands", async ({ page }) => {
    await page.goto("/patients?q=Alvarez");
    await expect(page).toHaveURL(/\/login\?next=%2Fpatients%3Fq%3DAlvarez$/);
    await page.getByLabel("Email").fill(ACCOUNTS.coordinator);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/patients\?q=Alvarez$/);
  });

  test("another site, or a path that becomes one, is never where it lands", async ({ page }) => {
    for (const next of ["//evil.example/", "/.//evil.example/", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await expect(page.locator('input[name="next"]')).toHaveCount(0);
      await page.getByLabel("Email").fill(ACCOUNTS.coordinator);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      // "/" sends the coordinator home, on this site.
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3100\/dashboard$/);
    }
  });
});
