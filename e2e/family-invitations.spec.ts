import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { storageFor } from "./support";

/**
 * Issue 15, item 4: an invitation reaches the person. The link is copied with a button (by
 * keyboard, announced), stays listed with its expiry, and is shown again (a new link: only its
 * hash is kept, so the old one dies), renewed once expired, or withdrawn after a confirmation.
 */

/** The patient's portal in one language, with the clipboard open to the page. */
async function patientIn(browser: Browser, baseURL: string, language: "en" | "es", javaScript = true) {
  const context = await browser.newContext({
    storageState: storageFor("patient"),
    javaScriptEnabled: javaScript,
    permissions: javaScript ? ["clipboard-read", "clipboard-write"] : [],
  });
  await context.addCookies([{ name: "cb-lang", value: language, url: baseURL }]);
  return context.newPage();
}

/** Presses Tab until the locator has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target} with the keyboard`);
}

async function invite(page: Page, email: string, messages = false): Promise<string> {
  await page.goto("/me/family");
  const form = page.getByRole("region", { name: "Invite someone" });
  await form.getByLabel("Their email").fill(email);
  await form.getByLabel("How they are related to you").fill("daughter");
  if (messages) await form.getByLabel("They may read and write my conversations with the care team").check();
  await form.getByRole("button", { name: "Create the invitation" }).click();
  const link = await form.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** What the invitee sees at a link, in a browser with no session. */
async function inviteeSees(browser: Browser, link: string) {
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(new URL(link).pathname);
  return invitee;
}

test.describe("family invitations that reach the person", () => {
  test("the link is copied by keyboard and the copy is announced; in Spanish too", async ({
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    const page = await patientIn(browser, baseURL!, "en");
    const link = await invite(page, `copy-${stamp}@example.org`, true);
    const form = page.getByRole("region", { name: "Invite someone" });
    const copy = form.getByRole("button", { name: "Copy the link" });
    await form.getByRole("textbox", { name: "Invitation link" }).focus();
    await tabTo(page, copy);
    await page.keyboard.press("Enter");
    await expect(form.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    // A second copy is announced again (the status is emptied, then filled).
    await page.keyboard.press("Space");
    await expect(form.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();

    // Listed with its scopes, including what the messages scope allows, and its expiry.
    const pending = page.getByRole("listitem").filter({ hasText: `copy-${stamp}@example.org` });
    await expect(pending).toContainText("Reads and writes your conversations with the care team");
    await expect(pending).toContainText(/link works until \w+day, /);
    await expect(page.getByText(/They may read them and write in them on your behalf/)).toBeVisible();

    const spanish = await patientIn(browser, baseURL!, "es");
    await spanish.goto("/me/family");
    const card = spanish.getByRole("listitem").filter({ hasText: `copy-${stamp}@example.org` });
    await card
      .getByRole("button", { name: `Mostrar un enlace nuevo para copy-${stamp}@example.org` })
      .click();
    await expect(card.getByRole("textbox", { name: "Enlace de invitación" })).toBeVisible();
    await card.getByRole("button", { name: "Copiar el enlace" }).click();
    await expect(card.getByRole("status").filter({ hasText: "Copiado" })).toBeVisible();
  });

  test("a pending invitation stays listed after a reload; showing it again kills the old link", async ({
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    const email = `again-${stamp}@example.org`;
    const page = await patientIn(browser, baseURL!, "en");
    const first = await invite(page, email);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Invitation link" })).toHaveCount(0);
    const card = page.getByRole("listitem").filter({ hasText: email });
    await expect(card).toContainText("Sees your care timeline");
    await card.getByRole("button", { name: `Show a new link for ${email}` }).click();
    await expect(card.getByText(/the earlier link no longer works/)).toBeVisible();
    const second = await card.getByRole("textbox", { name: "Invitation link" }).inputValue();
    expect(second).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    // Still one invitation to this person.
    await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(1);

    const old = await inviteeSees(browser, first);
    await expect(old.getByText("This invitation link is not valid.", { exact: false })).toBeVisible();
    const fresh = await inviteeSees(browser, second);
    await expect(
      fresh.getByRole("heading", { name: "Maria Alvarez has invited you to Carebridge" }),
    ).toBeVisible();

    // Withdrawing asks first; "Cancel" leaves it as it was.
    await card.getByRole("button", { name: `Withdraw the invitation to ${email}` }).click();
    const dialog = page.getByRole("dialog", { name: "Withdraw this invitation?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await fresh.reload();
    await expect(
      fresh.getByRole("heading", { name: "Maria Alvarez has invited you to Carebridge" }),
    ).toBeVisible();
    await card.getByRole("button", { name: `Withdraw the invitation to ${email}` }).click();
    await dialog.getByRole("button", { name: "Withdraw the invitation" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);
    await fresh.reload();
    await expect(fresh.getByText("This invitation was withdrawn.", { exact: false })).toBeVisible();
  });

  test("without JavaScript the new link is plain selectable text, with no dead copy button", async ({
    browser,
    baseURL,
  }) => {
    const stamp = Date.now().toString(36);
    const email = `nojs-${stamp}@example.org`;
    const scripted = await patientIn(browser, baseURL!, "en");
    await invite(scripted, email);
    const page = await patientIn(browser, baseURL!, "en", false);
    await page.goto("/me/family");
    const card = page.getByRole("listitem").filter({ hasText: email });
    await card.getByRole("button", { name: `Show a new link for ${email}` }).click();
    const link = page.getByRole("textbox", { name: "Invitation link" });
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("button", { name: "Copy the link" })).toHaveCount(0);
    // Read-only, not disabled: it can be focused, selected and copied by hand.
    await expect(link).toHaveAttribute("readonly", "");
    await expect(link).toBeEnabled();
  });
});
