import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn, signInAs } from "./support";

// These run against the aux server: idle limit 6 s, absolute limit 25 s, its own database.
test.describe.configure({ mode: "serial" });

test.describe("sessions and lockout", () => {
  test("five wrong passwords lock the account, even against the right one", async ({ page }) => {
    for (let i = 0; i < 4; i++) {
      await signIn(page, ACCOUNTS.advocate, `wrong password ${i}`);
      await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
    }
    await signIn(page, ACCOUNTS.advocate, "wrong password 5");
    await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
    await signIn(page, ACCOUNTS.advocate, DEMO_PASSWORD);
    await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("an idle session is signed out", async ({ page }) => {
    await signInAs(page, "coordinator");
    await page.waitForTimeout(7_500);
    await page.goto("/patients");
    await expect(page).toHaveURL(/\/login\?ended=idle/);
    await expect(page.getByText("signed out after a period of inactivity")).toBeVisible();
  });

  test("a busy session still ends at the absolute limit", async ({ page }) => {
    await signInAs(page, "coordinator");
    const started = Date.now();
    while (Date.now() - started < 26_000) {
      await page.waitForTimeout(3_000);
      await page.goto("/dashboard");
    }
    await expect(page).toHaveURL(/\/login\?ended=expired/);
  });

  test("an admin deactivates a user and their open session ends on its next request", async ({ browser }) => {
    const coordinator = await (await browser.newContext()).newPage();
    await signIn(coordinator, "coordinator2@carebridge.example");
    await expect(coordinator).toHaveURL(/\/dashboard$/);
    // Off the app while the admin works: an open page's idle dialog would end the session as
    // idle (6 s here) before the admin's change, and this test is about the change.
    await coordinator.goto("about:blank");

    const admin = await (await browser.newContext()).newPage();
    await signInAs(admin, "admin");
    await admin.goto("/admin/users?q=coordinator2");
    await admin.getByRole("link", { name: "Jordan Blake" }).click();
    await admin.getByRole("button", { name: "Deactivate account" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await expect(admin.getByText("Account deactivated.")).toBeVisible();

    await coordinator.goto("/patients");
    await expect(coordinator).toHaveURL(/\/login\?ended=deactivated/);
    await signIn(coordinator, "coordinator2@carebridge.example");
    await expect(coordinator.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  });

  test("a role change ends the open session", async ({ browser }) => {
    const advocate = await (await browser.newContext()).newPage();
    await signIn(advocate, "advocate3@carebridge.example");
    await expect(advocate).toHaveURL(/\/dashboard$/);
    await advocate.goto("about:blank");
    const admin = await (await browser.newContext()).newPage();
    await signInAs(admin, "admin");
    await admin.goto("/admin/users?q=advocate3");
    await admin.getByRole("link", { name: "Dana Okoye" }).click();
    await expect(admin.getByRole("heading", { name: "Dana Okoye" })).toBeVisible();
    const role = admin.getByRole("combobox", { name: "Role" });
    await role.selectOption("coordinator");
    await expect(role).toHaveValue("coordinator");
    await admin.getByRole("button", { name: "Change role" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
    await expect(admin.getByText("Role saved.")).toBeVisible();
    await advocate.goto("/dashboard");
    await expect(advocate).toHaveURL(/\/login\?ended=role-changed/);
  });
});
