import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, OWN_MRN, patientIdFor, signInAs } from "./support";

// The aux server: idle limit 6 s, so the dialog comes at 4 s and the sign-out at 6 s (ADR 015).
test.describe.configure({ mode: "serial" });

/** A patient in coordinator@'s caseload with no seeded care plan (nothing here starts one). */
const NO_PLAN_MRN = "CB-100067";

const PUT_BACK = "We put back what you were typing before you were signed out.";

/** Signs in on the sign-in page already open, keeping its `next`, as a person would. */
async function signInHere(page: Page): Promise<void> {
  await page.getByLabel("Email").fill(ACCOUNTS.coordinator);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Past the idle limit with nothing sent: the page has gone to the sign-in page that says why. */
async function timeOut(page: Page, path: string): Promise<void> {
  await page.waitForTimeout(7_500);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?ended=idle&next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe(path);
  await expect(page.getByText("signed out after a period of inactivity")).toBeVisible();
}

const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("cb:draft:")));

test.describe("what was typed survives the idle time-out", () => {
  test("a message being written comes back on the same page after signing in again", async ({ page }) => {
    await signInAs(page, "coordinator");
    const id = await patientIdFor(page, OWN_MRN);
    const path = `/patients/${id}/messages`;
    await page.goto(path);
    const start = page.getByRole("region", { name: "Start a thread" });
    await start.getByLabel("Subject").fill("Transport on Friday");
    await start
      .getByLabel("Message", { exact: true })
      .fill("The driver comes at 10:00; her daughter meets him.");

    await timeOut(page, path);
    expect(await draftKeys(page), "kept in this tab while signed out").toHaveLength(1);
    await signInHere(page);

    await expect(page).toHaveURL(new RegExp(`${path}$`));
    const form = page.getByRole("region", { name: "Start a thread" });
    await expect(form.getByText(PUT_BACK)).toBeVisible();
    await expect(form.getByLabel("Subject")).toHaveValue("Transport on Friday");
    await expect(form.getByLabel("Message", { exact: true })).toHaveValue(
      "The driver comes at 10:00; her daughter meets him.",
    );

    // Signing out forgets it: nothing of it is left in the tab.
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("cb:")))).toEqual(
      [],
    );
  });

  test("a form of the care plan comes back too, and Discard throws it away", async ({ page }) => {
    await signInAs(page, "coordinator");
    const id = await patientIdFor(page, NO_PLAN_MRN);
    const path = `/patients/${id}/care-plan`;
    await page.goto(path);
    const start = page.getByRole("region", { name: "Start a new plan" });
    await start.getByRole("textbox", { name: "Plan name" }).fill("Home after the fall");

    await timeOut(page, path);
    await signInHere(page);

    await expect(page).toHaveURL(new RegExp(`${path}$`));
    const form = page.getByRole("region", { name: "Start a new plan" });
    await expect(form.getByText(PUT_BACK)).toBeVisible();
    await expect(form.getByRole("textbox", { name: "Plan name" })).toHaveValue("Home after the fall");
    await form.getByRole("button", { name: "Discard" }).click();
    await expect(form.getByText(PUT_BACK)).toBeHidden();
    await expect(form.getByRole("textbox", { name: "Plan name" })).toHaveValue("");
    expect(await draftKeys(page)).toEqual([]);
  });

  test("a page left while signed in keeps nothing, and a reload puts nothing back", async ({ page }) => {
    await signInAs(page, "coordinator");
    const id = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${id}/messages`);
    const start = page.getByRole("region", { name: "Start a thread" });
    await start.getByLabel("Subject").fill("Not sent");
    await page.reload();
    await expect(page.getByText(PUT_BACK)).toBeHidden();
    await expect(page.getByRole("region", { name: "Start a thread" }).getByLabel("Subject")).toHaveValue("");
    expect(await draftKeys(page)).toEqual([]);
  });
});

test.describe("the idle dialog on the real server", () => {
  test("Stay signed in gives a whole idle period back", async ({ page }) => {
    await signInAs(page, "coordinator");
    const dialog = page.getByRole("dialog", { name: "Are you still there?" });
    await expect(dialog).toBeVisible({ timeout: 6_000 });
    await dialog.getByRole("button", { name: "Stay signed in" }).click();
    await expect(dialog).toBeHidden();
    // Past the 6 s the sign-in page itself gave, and still signed in: the row was touched.
    await page.waitForTimeout(3_000);
    await page.goto("/patients");
    await expect(page).toHaveURL(/\/patients$/);
  });

  test("with nothing done the page goes to the sign-in page by itself, saying why", async ({ page }) => {
    await signInAs(page, "coordinator");
    await expect(page).toHaveURL(/\/login\?ended=idle&next=%2Fdashboard$/, { timeout: 10_000 });
    await expect(page.getByText("signed out after a period of inactivity")).toBeVisible();
  });
});
