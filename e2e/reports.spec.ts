import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { orgDate, storageFor } from "./support";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The quarter the report opens on: the latest that has ended, in the organisation's calendar. */
function latestEndedQuarter(today: string) {
  const current = Math.ceil(Number(today.slice(5, 7)) / 3);
  const year = Number(today.slice(0, 4)) - (current === 1 ? 1 : 0);
  const quarter = current === 1 ? 4 : current - 1;
  const last = quarter * 3;
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    year,
    quarter,
    from: `${year}-${pad(last - 2)}-01`,
    to: `${year}-${pad(last)}-${new Date(Date.UTC(year, last, 0)).getUTCDate()}`,
    label: `${MONTHS[last - 3]} to ${MONTHS[last - 1]} ${year}`,
  };
}

test("an advocate reads the equity report for a quarter or a year that has ended, small groups suppressed, and takes a table as CSV", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await page.goto("/dashboard");
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Equity report", level: 1 })).toBeVisible();

  // It opens on the latest quarter that has ended; the seeded year of history reaches into it.
  const today = orgDate();
  const latest = latestEndedQuarter(today);
  await expect(page.getByLabel("Year")).toHaveValue(String(latest.year));
  await expect(page.getByLabel("Quarter")).toHaveValue(String(latest.quarter));
  await expect(page.getByText(`received in ${latest.label}`)).toBeVisible();
  const received = Number(await page.getByTestId("report-concerns").textContent());
  expect(received, "a quarter of seeded concerns").toBeGreaterThan(0);
  const byLanguage = page.getByRole("region", { name: "Concerns by preferred language" });
  await expect(byLanguage.getByRole("rowheader", { name: "English" })).toBeVisible();
  // Over a quarter the smaller language groups fall under five patients and are hidden.
  await expect(byLanguage.getByRole("cell", { name: "Suppressed" }).first()).toBeVisible();

  // Figures say when they were worked out, and can be worked out again now.
  await expect(page.getByTestId("report-computed-at")).toContainText(/Figures as of .+\d{1,2}:\d{2}/);
  await page.getByRole("link", { name: "Recalculate now" }).click();
  await expect(page).toHaveURL(/fresh=1/);
  expect(Number(await page.getByTestId("report-concerns").textContent())).toBeGreaterThanOrEqual(received);

  // The quarter still running: said under the field it belongs to, the choice kept, and the latest
  // ended quarter shown instead.
  const thisYear = today.slice(0, 4);
  const running = String(Math.ceil(Number(today.slice(5, 7)) / 3));
  await page.getByLabel("Year").selectOption(thisYear);
  await page.getByLabel("Quarter").selectOption(running);
  await page.getByRole("button", { name: "Show" }).click();
  const quarterField = page.getByLabel("Quarter");
  await expect(page.locator("#report-quarter-error")).toContainText("has not ended yet");
  await expect(quarterField).toHaveAttribute("aria-invalid", "true");
  await expect(quarterField).toHaveAttribute("aria-describedby", "report-quarter-error");
  await expect(quarterField).toHaveValue(running);
  await expect(page.locator("#report-period-error")).toContainText(`Showing ${latest.label} instead.`);

  // A whole year that has ended, chosen and sent from the keyboard.
  const lastYear = String(Number(thisYear) - 1);
  await page.getByLabel("Year").selectOption(lastYear);
  await quarterField.selectOption("year");
  await quarterField.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Show" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`year=${lastYear}&quarter=year`));
  await expect(page.getByText(`received in ${lastYear} (`)).toBeVisible();
  await expect(page.locator("#report-period-error")).toHaveCount(0);

  // The CSV follows the page's period and suppression.
  await page.goto("/reports");
  const downloading = page.waitForEvent("download");
  await page
    .getByRole("region", { name: "Concerns by category" })
    .getByRole("link", { name: /as CSV/ })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`concerns-by-category_${latest.year}-Q${latest.quarter}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(`"Concerns by category, ${latest.label} (${latest.from} to ${latest.to})"`);
  expect(lines[1]).toContain('"Category","Patients","Concerns"');
  expect(lines.length).toBeGreaterThan(2);

  // The CSV refuses a period still running, as the page does.
  const refused = await page.request.get(
    `/reports/csv?table=concerns-by-category&year=${thisYear}&quarter=${running}`,
  );
  expect(refused.status()).toBe(400);
});
