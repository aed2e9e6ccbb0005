import { expect, test } from "@playwright/test";
import { storageFor } from "./support";

test.describe("the schedule", () => {
  test.use({ storageState: storageFor("coordinator") });

  test("a week of the caseload, the next week, a day agenda and one clinician's bookings", async ({
    page,
  }) => {
    await page.goto("/schedule");
    await expect(page.getByRole("heading", { name: /^Week of .* · your caseload$/ })).toBeVisible();
    const firstHeading = await page.getByRole("heading", { name: /^Week of/ }).textContent();
    await page.getByRole("link", { name: "Next week" }).click();
    await expect(page.getByRole("heading", { name: /^Week of/ })).not.toHaveText(firstHeading!);
    await page.getByRole("link", { name: "Today" }).click();
    await expect(page.getByRole("heading", { name: /^Week of/ })).toHaveText(firstHeading!);

    await page.getByRole("link", { name: "Day agenda" }).click();
    await expect(page).toHaveURL(/view=day/);
    await expect(page.getByRole("link", { name: "Week view" })).toBeVisible();

    await page.getByRole("link", { name: "Week view" }).click();
    const options = page.getByRole("combobox", { name: "Whose schedule" }).locator("option");
    const clinician = (await options.nth(1).textContent())!;
    await page.getByRole("combobox", { name: "Whose schedule" }).selectOption({ index: 1 });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(
      page.getByRole("heading", {
        name: new RegExp(`· ${clinician.split(" (")[0]!.replace(/[.]/g, "\\.")}$`),
      }),
    ).toBeVisible();
  });
});

test("the coordinator's dashboard links to today's agenda, the week and unread messages", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: /^Today's appointments \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Later this week \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Unread messages" })).toBeVisible();
  await page.getByRole("link", { name: "Open the week" }).click();
  await expect(page).toHaveURL(/\/schedule$/);
});
