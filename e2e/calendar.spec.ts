import { expect, test } from "@playwright/test";
import { actionBody, actionIds, FORM, signInAs, storageFor } from "./support";

test("a coordinator makes a private calendar address, a calendar app reads it, and it can be turned off", async ({
  browser,
  playwright,
}) => {
  // A session of its own: this test changes the account's feed.
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "advocate");
  await page.goto("/calendar");
  await page.getByRole("button", { name: /Make (my calendar address|a new address)/ }).click();
  const dialog = page.getByRole("dialog");
  if (await dialog.isVisible()) await dialog.getByRole("button", { name: "Make a new one" }).click();
  const address = page.getByRole("textbox", { name: "Calendar address" });
  await expect(address).toBeVisible();
  const url = await address.inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

  // A calendar app sends no cookie.
  const app = await playwright.request.newContext();
  const feed = await app.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("BEGIN:VEVENT");

  await page.reload();
  await page.getByRole("button", { name: "Turn the calendar address off" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn it off" }).click();
  await expect(page.getByText("You have no calendar address.")).toBeVisible();
  expect((await app.get(url)).status()).toBe(404);
  await app.dispose();
});

test("admins and family have no calendar feed, even by calling the action directly", async ({ browser }) => {
  const ids = actionIds();
  for (const role of ["admin", "family"] as const) {
    const context = await browser.newContext({ storageState: storageFor(role) });
    const response = await context.request.post("/calendar", {
      headers: {
        "Next-Action": ids["app/(portal)/calendar/actions.ts#createFeedAction"]!,
        Accept: "text/x-component",
      },
      multipart: actionBody([{}, FORM]),
    });
    expect(await response.text()).not.toContain("/api/calendar/");
  }
});
