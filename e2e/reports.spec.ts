import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { orgDate, storageFor } from "./support";

test("an advocate reads the equity report over a period, small groups suppressed, and takes a table as CSV", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await page.goto("/dashboard");
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Equity report", level: 1 })).toBeVisible();
  const received = Number(await page.getByTestId("report-concerns").textContent());
  expect(received, "a year of seeded concerns").toBeGreaterThan(100);
  const byLanguage = page.getByRole("region", { name: "Concerns by preferred language" });
  await expect(byLanguage.getByRole("rowheader", { name: "English" })).toBeVisible();
  // Figures say when they were worked out, and can be worked out again now.
  await expect(page.getByTestId("report-computed-at")).toContainText(/Figures as of .+\d{1,2}:\d{2}/);
  await page.getByRole("link", { name: "Recalculate now" }).click();
  await expect(page).toHaveURL(/fresh=1/);
  expect(Number(await page.getByTestId("report-concerns").textContent())).toBeGreaterThanOrEqual(received);

  // A period that ends before it starts: said plainly, and the last 12 months shown instead.
  await page.getByLabel("From").fill("2026-06-30");
  await page.getByLabel("To").fill("2026-01-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator("#report-period-error")).toContainText("The period must start before it ends.");
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");

  // The last 30 days hold fewer concerns than the year.
  const to = orgDate();
  const from = orgDate(-30);
  await page.getByLabel("From").fill(from);
  await page.getByLabel("To").fill(to);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  const recent = Number(await page.getByTestId("report-concerns").textContent());
  expect(recent).toBeLessThan(received);
  expect(recent).toBeGreaterThan(0);
  // Over a month the smaller language groups fall under five patients and are hidden.
  await expect(byLanguage.getByText(/Suppressed: fewer than 5 patients/).first()).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page
    .getByRole("region", { name: "Concerns by category" })
    .getByRole("link", { name: /as CSV/ })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`concerns-by-category_${from}_${to}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(`"Concerns by category, ${from} to ${to}"`);
  expect(lines[1]).toContain('"Category","Patients","Concerns"');
  expect(lines.length).toBeGreaterThan(2);
});
