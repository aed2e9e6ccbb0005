import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

async function pageAs(browser: Browser, account: "patient" | "coordinator", width?: number) {
  const context = await browser.newContext({
    storageState: storageFor(account),
    ...(width ? { viewport: { width, height: 740 } } : {}),
  });
  return context.newPage();
}

/** The bell in the page's banner; its name says the count ("Notifications 3 unread"), none when none. */
const bellOf = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications\b/ });

async function bellCount(page: Page): Promise<number> {
  const name = ((await bellOf(page).textContent()) ?? "").replace(/\s+/g, " ").trim();
  expect(name).toMatch(/^Notifications ?(\d+ unread)?$/);
  return Number(/(\d+) unread$/.exec(name)?.[1] ?? 0);
}

/** Presses Tab until the locator has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("never reached by Tab");
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test("the coordinator shares a message; Maria's bell counts it, she follows it to the conversation, and the count goes down", async ({
  browser,
}) => {
  const subject = `Transporte ${Date.now().toString(36)}`;

  // Maria on a phone-sized screen, in English (she prefers Spanish; the switch offers English then).
  const maria = await pageAs(browser, "patient", 375);
  await maria.goto("/me");
  const english = maria.getByRole("button", { name: "English" });
  if (await english.count()) await english.click();
  await expect(maria.getByRole("heading", { name: "Hello, Maria" })).toBeVisible();
  await expect(bellOf(maria)).toBeInViewport();
  const before = await bellCount(maria);

  // The coordinator starts a conversation shared with her.
  const coordinator = await pageAs(browser, "coordinator");
  const patientId = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto(`/patients/${patientId}/messages`);
  const start = coordinator.getByRole("region", { name: "Start a thread" });
  await start.getByLabel("Subject").fill(subject);
  await start
    .getByLabel("Message", { exact: true })
    .fill("Su transporte está reservado para el viernes a las 10:00. Escriba aquí si tiene preguntas.");
  await start.getByLabel(/Share with the patient/).check();
  await start.getByRole("button", { name: "Post" }).click();
  await expect(start.getByText("Thread started.")).toBeVisible();

  // Her bell counts it on the next page she opens.
  await maria.reload();
  expect(await bellCount(maria)).toBeGreaterThan(before);

  // By keyboard: the bell is reached with Tab, shows where the focus is, and opens the list.
  await tabTo(maria, bellOf(maria));
  await expect(bellOf(maria)).toHaveCSS("outline-style", "solid");
  await maria.keyboard.press("Enter");
  await expect(maria).toHaveURL(/\/me\/notifications$/);
  await expect(maria.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(maria.getByRole("link", { name: "Choose what reaches you" })).toHaveAttribute(
    "href",
    "/me/notifications/settings",
  );

  // The newest unread message notice, first in the list, says only that there is a message.
  const notice = maria
    .getByRole("listitem")
    .filter({ has: maria.getByRole("button", { name: "You have a new message from your care team." }) })
    .filter({ has: maria.getByText("New", { exact: true }) })
    .first();
  await expect(notice).toBeVisible();
  await expect(notice).not.toContainText(subject);
  const unread = await bellCount(maria);
  await notice.getByRole("button").click();

  // It leads to the conversation, and is read: the bell counts one fewer.
  await expect(maria).toHaveURL(/\/me\/messages\/[0-9a-f-]{36}$/);
  await expect(maria.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect.poll(() => bellCount(maria)).toBe(unread - 1);
});
