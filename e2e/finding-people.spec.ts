import { expect, type Page, test } from "@playwright/test";
import { OTHER_MRN, OWN_MRN, storageFor } from "./support";

test.describe("finding a patient for emergency access", () => {
  test.use({ storageState: storageFor("coordinator") });

  test("searches the organisation by name and MRN; a result outside the caseload is not access", async ({
    page,
  }) => {
    await page.goto("/emergency-access");
    await page.getByLabel("Find a patient").fill("alvarez");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=alvarez/);
    const own = page.getByRole("row").filter({ hasText: OWN_MRN });
    await expect(own).toContainText("Alvarez, Maria");
    await expect(own).toContainText("Mar 14, 1956");
    await expect(own.getByRole("cell", { name: "Yes", exact: true })).toBeVisible();
    await expect(own.getByRole("link", { name: "Open Alvarez, Maria's record" })).toBeVisible();

    // Too short to search: the reason, and no table.
    await page.getByLabel("Find a patient").fill("A");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(
      page.getByText(/^Type at least 2 letters of the patient's family or given name/),
    ).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);

    // Outside the caseload: no link to the record, only to the request, with the MRN filled in.
    await page.getByLabel("Find a patient").fill(OTHER_MRN.toLowerCase());
    await page.getByRole("button", { name: "Search" }).click();
    const other = page.getByRole("row").filter({ hasText: OTHER_MRN });
    await expect(other.getByRole("cell", { name: "No", exact: true })).toBeVisible();
    await expect(other.locator('a[href^="/patients/"]')).toHaveCount(0);
    await other.getByRole("link", { name: `Request access to ${OTHER_MRN}` }).click();
    await expect(page).toHaveURL(new RegExp(`mrn=${OTHER_MRN}`));
    await expect(page.getByLabel("Patient MRN")).toHaveValue(OTHER_MRN);
    // Nothing is requested here: the reason and the confirmation are still the person's to give.
    await expect(page.getByLabel("Reason for access")).toHaveValue("");
  });

  test("a whole MRN that nobody has says so and what to try", async ({ page }) => {
    await page.goto("/emergency-access?q=CB-999999");
    await expect(page.getByText("No patient has that MRN.")).toBeVisible();
    await expect(page.getByText(/ask the patient or a colleague for the MRN/)).toBeVisible();
  });
});

test.describe("moving a caseload", () => {
  test.use({ storageState: storageFor("admin") });
  const run = Date.now().toString(36);

  async function createCoordinator(page: Page, name: string) {
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email").fill(`${name.toLowerCase().replace(/\W+/g, ".")}@carebridge.example`);
    await page.getByRole("combobox", { name: "Role" }).selectOption("coordinator");
    await page.getByLabel(/Initial password/).fill("riverside lantern pebble 88");
    await page.getByRole("button", { name: "Create the account" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    return page.url().split("?")[0]!;
  }

  async function addByMrn(page: Page, mrn: string) {
    await page.getByLabel("Patient MRN").fill(mrn);
    await page.getByRole("button", { name: "Add to caseload" }).click();
    await expect(page.getByText(`${mrn} added to the caseload.`)).toBeVisible();
  }

  test("finds patients to add, then moves some of them to another coordinator in one confirmed step", async ({
    page,
  }) => {
    const toName = `Transfer To ${run}`;
    const toUrl = await createCoordinator(page, toName);
    const fromName = `Transfer From ${run}`;
    const fromUrl = await createCoordinator(page, fromName);

    // The admin's search flags this person's caseload, and adds from the results.
    await page.getByLabel("Find a patient to add").fill("CB-100013");
    await page.getByRole("button", { name: "Search" }).click();
    const found = page.getByRole("row").filter({ hasText: "CB-100013" });
    await expect(found.getByRole("cell", { name: "No", exact: true })).toBeVisible();
    await found.getByRole("button", { name: "Add CB-100013" }).click();
    await expect(found.getByText("Already in the caseload")).toBeVisible();
    await addByMrn(page, "CB-100011");
    await addByMrn(page, "CB-100012");

    await page.getByRole("link", { name: /Move some or all of/ }).click();
    await expect(page.getByRole("heading", { name: `Move ${fromName}'s patients` })).toBeVisible();
    const boxes = page.getByRole("checkbox");
    await expect(boxes).toHaveCount(3);
    for (const box of await boxes.all()) await expect(box).toBeChecked();
    await page.getByRole("checkbox", { name: /CB-100012/ }).uncheck();
    await page.getByLabel(/Move them to/).selectOption(toUrl.split("/").at(-1)!);

    // Cancelling the confirmation moves nothing.
    await page.getByRole("button", { name: "Move patients…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading")).toHaveText(`Move 2 patients to ${toName}?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(boxes).toHaveCount(3);

    await page.getByRole("button", { name: "Move patients…" }).click();
    await dialog.getByRole("button", { name: "Move 2 patients" }).click();
    await expect(page.getByText(`2 patients moved to ${toName}.`)).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(1);
    await expect(page.getByRole("checkbox", { name: /CB-100012/ })).toBeVisible();

    await page.goto(toUrl);
    for (const mrn of ["CB-100011", "CB-100013"]) {
      await expect(page.getByRole("cell", { name: mrn, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("cell", { name: "CB-100012", exact: true })).toHaveCount(0);
    await page.goto(fromUrl);
    await expect(page.getByRole("cell", { name: "CB-100012", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "CB-100011", exact: true })).toHaveCount(0);

    // Each patient moved is in the audit trail under their MRN.
    await page.goto("/admin/audit?action=caseload.transfer&patient=CB-100011");
    await expect(page.getByRole("cell", { name: "caseload.transfer", exact: true }).first()).toBeVisible();
  });

  test("refuses to move nothing, and says who may take the patients", async ({ page }) => {
    const fromUrl = await createCoordinator(page, `Transfer Empty ${run}`);
    await page.goto(`${fromUrl}/transfer`);
    await expect(
      page.getByText("has no patients in their caseload, so there is nothing to move"),
    ).toBeVisible();
  });
});
