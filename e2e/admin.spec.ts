import { expect, test } from "@playwright/test";
import { storageFor } from "./support";

test.describe("administering accounts", () => {
  test.use({ storageState: storageFor("admin") });

  test("bad input keeps what was typed and writes nothing; good input creates the account", async ({
    page,
  }) => {
    const email = `new.coordinator.${Date.now()}@carebridge.example`;
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Riley Chen");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("combobox", { name: "Role" }).selectOption("coordinator");
    await page.getByLabel(/Initial password/).fill("password123");
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Riley Chen");
    await expect(page.getByLabel("Email")).toHaveValue(email);

    // A password is never sent back to the page: the field is empty again after each refusal.
    await expect(page.getByLabel(/Initial password/)).toHaveValue("");
    await page.getByLabel(/Initial password/).fill("password1234");
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(
      page.getByText("That password is on a list of common or breached passwords.", { exact: false }),
    ).toBeVisible();

    await expect(page.getByLabel(/Initial password/)).toHaveValue("");
    await page.getByLabel(/Initial password/).fill("riverside lantern pebble 88");
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(page.getByRole("heading", { name: "Riley Chen" })).toBeVisible();
    await expect(page.getByText("Account created.")).toBeVisible();

    // Give them a patient, confirm, and see it listed.
    await page.getByLabel("Patient MRN").fill("CB-100010");
    await page.getByRole("button", { name: "Add to caseload" }).click();
    await expect(page.getByText("CB-100010 added to the caseload.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "CB-100010", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Remove CB-100010" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("lose access to this patient's record");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("cell", { name: "CB-100010", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Remove CB-100010" }).click();
    await dialog.getByRole("button", { name: "Remove" }).click();
    // The row goes (with its form); the history of the assignment stays in the database.
    await expect(page.getByText("No patients yet.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "CB-100010", exact: true })).toHaveCount(0);
  });

  test("an MRN that does not exist is refused with a field message", async ({ page }) => {
    await page.goto("/admin/users?q=coordinator3");
    await page.getByRole("link", { name: "Sam Whitaker" }).click();
    await page.getByLabel("Patient MRN").fill("CB-999999");
    await page.getByRole("button", { name: "Add to caseload" }).click();
    await expect(page.getByText("No patient has that MRN.").first()).toBeVisible();
    await expect(page.getByLabel("Patient MRN")).toHaveValue("CB-999999");
  });

  test("the audit trail filters by action and pages", async ({ page }) => {
    await page.goto("/admin/audit");
    await page.getByLabel("Action").selectOption("auth.sign-in");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign-in/);
    const cells = page.getByRole("cell", { name: "auth.sign-in", exact: true });
    await expect(cells.first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "patient.read", exact: true })).toHaveCount(0);
  });
});
