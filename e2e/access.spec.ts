import { expect, test } from "@playwright/test";
import { OTHER_MRN, OWN_MRN, patientIdFor, signInAs, storageFor } from "./support";

const EMERGENCY_MRN = "CB-100005";

test.describe("who sees which record", () => {
  test("a patient opening /patients gets the 404 page", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    const response = await page.goto("/patients");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a patient gets the 404 page on any patient's staff page, her own included; her record opens on /me", async ({
    browser,
  }) => {
    const staff = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    const ownId = await patientIdFor(staff, OWN_MRN);
    const other = await (await browser.newContext({ storageState: storageFor("coordinator2") })).newPage();
    const otherId = await patientIdFor(other, OTHER_MRN);
    const page = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    const denied = await page.goto(`/patients/${otherId}`);
    expect(denied?.status()).toBe(404);
    await expect(page.getByText(OTHER_MRN)).toHaveCount(0);
    // Staff pages are for staff, whatever the relationship: her own record's staff page is a 404 too.
    const own = await page.goto(`/patients/${ownId}`);
    expect(own?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(OWN_MRN)).toHaveCount(0);
    // The control: the staff page opens for her coordinator, and she reads her record through the portal.
    expect((await staff.goto(`/patients/${ownId}`))?.status()).toBe(200);
    await expect(staff.getByText(`MRN ${OWN_MRN}`)).toBeVisible();
    expect((await page.goto("/me"))?.status()).toBe(200);
    await expect(page.getByText(OWN_MRN)).toBeVisible();
  });

  test("a malformed id in the URL is a 404, never an error", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    for (const path of ["/patients/not-a-uuid", "/patients/%27%20or%201%3D1", "/admin/users/123"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("a coordinator sees their own patient, gets 404 outside the caseload, then uses emergency access", async ({
    browser,
  }) => {
    // CB-100005 is in coordinator2@'s caseload and is used by no other spec.
    const other = await (await browser.newContext({ storageState: storageFor("coordinator2") })).newPage();
    const otherId = await patientIdFor(other, EMERGENCY_MRN);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, "coordinator");
    const ownId = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${ownId}`);
    await expect(page.getByRole("heading", { name: "Alvarez, Maria" })).toBeVisible();

    const response = await page.goto(`/patients/${otherId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    await page.getByRole("main").getByRole("link", { name: "emergency access" }).click();
    await expect(page).toHaveURL(/\/emergency-access$/);
    // Bad input first: every field says what is wrong and nothing is granted.
    await page.getByLabel("Patient MRN").fill(EMERGENCY_MRN);
    await page.getByRole("button", { name: "Open the record" }).click();
    await expect(page.getByText("Say why you need this record now")).toBeVisible();
    await expect(page.getByText("Confirm that you understand")).toBeVisible();
    await expect(page.getByLabel("Patient MRN")).toHaveValue(EMERGENCY_MRN);

    await page
      .getByLabel("Reason for access")
      .fill("Covering for Jordan Blake: patient called with chest pain.");
    await page.getByLabel(/I understand that this access/).check();
    await page.getByRole("button", { name: "Open the record" }).click();
    await expect(page).toHaveURL(new RegExp(`/patients/${otherId}$`));
    await expect(page.getByText("You are viewing this record through emergency access")).toBeVisible();
    await expect(page.getByText(`MRN ${EMERGENCY_MRN}`)).toBeVisible();

    // The admin sees it in the review list and records a finding.
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/emergency-access");
    const item = admin.getByRole("listitem").filter({ hasText: "chest pain" });
    await expect(item).toContainText(`Casey Morgan (coordinator) opened ${EMERGENCY_MRN}`);
    await item.getByLabel("Review finding").fill("Appropriate: covering an on-call colleague.");
    await item.getByRole("button", { name: "Record review" }).click();
    // Reviewed, it leaves the waiting list.
    await expect(item).toHaveCount(0);
    await admin.goto("/admin/emergency-access?status=reviewed");
    await expect(admin.getByText("Appropriate: covering an on-call colleague.")).toBeVisible();

    // And the trail shows the grant and the read it allowed.
    await admin.goto(`/admin/audit?patient=${EMERGENCY_MRN}&action=emergency-access.grant`);
    await expect(admin.getByRole("cell", { name: "emergency-access.grant" }).first()).toBeVisible();
    await admin.goto(`/admin/audit?patient=${EMERGENCY_MRN}&action=patient.read`);
    await expect(admin.getByRole("cell", { name: /Casey Morgan/ }).first()).toBeVisible();
  });

  test("a family member sees the patients who shared with them", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "Maria Alvarez" })).toBeVisible();
    await expect(page.getByText("You are their daughter.")).toBeVisible();
  });

  test("a patient sees their own details on /me", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await page.goto("/me");
    // Maria's preferred language is Spanish: the portal greets her in it.
    await expect(page.getByRole("heading", { name: "Hola, Maria" })).toBeVisible();
    await expect(page.getByText(OWN_MRN)).toBeVisible();
  });
});
