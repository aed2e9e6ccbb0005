import { readFile } from "node:fs/promises";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

async function patientPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  return (await browser.newContext({ storageState: storageFor("patient"), ...options })).newPage();
}

/** Switches the portal to English (the demo patient prefers Spanish). */
async function inEnglish(page: Page) {
  await page.goto("/me");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Maria" })).toBeVisible();
}

/** Presses Tab until the locator has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`could not reach ${target} with the keyboard`);
}

test.describe("the patient and family portal", () => {
  test("a patient sees their timeline in their preferred language, and switches language @smoke", async ({
    browser,
  }) => {
    const page = await patientPage(browser);
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "Hola, Maria" })).toBeVisible();
    await expect(page.locator("main").locator("xpath=ancestor::*[@lang][1]")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Próximamente" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Lo que ha pasado" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Mi plan de atención" })).toBeVisible();

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Hello, Maria" })).toBeVisible();
    // Their own details: the date of birth and record number the staff will ask for.
    const details = page.getByRole("region", { name: "My details" });
    await expect(details).toContainText("Date of birth");
    await expect(details).toContainText(OWN_MRN);
    await page.getByLabel("Show").selectOption({ label: "Update from your care team" });
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(/kind=update/);
    const items = page.locator("article[id^='item-']");
    await expect(items.first()).toContainText("Update from your care team");
    expect(await items.filter({ hasNotText: "Update from your care team" }).count()).toBe(0);
  });

  test("a patient raises a concern, follows it, and it reaches the advocate", async ({ browser }) => {
    const stamp = Date.now().toString(36);
    const page = await patientPage(browser);
    await inEnglish(page);
    await page.getByRole("link", { name: "Raise a concern" }).click();
    await page.getByRole("button", { name: "Send my concern" }).click();
    await expect(page.getByText("Tell us what happened, in a sentence or more.")).toBeVisible();
    await page.getByLabel("What is it about?").selectOption({ label: "Waiting or getting an appointment" });
    await page.getByLabel("What happened").fill(`The scan was cancelled twice without a call (${stamp}).`);
    await page.getByLabel("What would you like to happen?").fill("A new date this month.");
    await page.getByRole("button", { name: "Send my concern" }).click();
    await expect(page.getByText("Your concern has been sent.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Waiting or getting an appointment" })).toBeVisible();
    await expect(page.getByText("Received", { exact: true })).toBeVisible();
    await expect(page.getByText(/You will hear back by/)).toBeVisible();

    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto("/concerns?status=open");
    await expect(advocate.getByText(`The scan was cancelled twice without a call (${stamp}).`)).toBeVisible();
  });

  test("a patient uses a right, and asks for a correction from an item of the timeline", async ({
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const page = await patientPage(browser);
    await inEnglish(page);
    await page.getByRole("link", { name: "Use my rights" }).click();
    await expect(page.getByText("We must answer within 30 days.").first()).toBeVisible();
    const form = page.getByRole("region", { name: "What would you like to do?" });
    await form.getByRole("combobox", { name: "What would you like to do?" }).selectOption({
      label: "See or get a copy of my records",
    });
    await form.getByLabel("Tell us what you are asking for").fill(`My records from the spring (${stamp}).`);
    await form.getByRole("button", { name: "Send my request" }).click();
    await expect(form.getByText(/Your request has been sent/)).toBeVisible();
    const mine = page
      .locator("li[id^='request-']")
      .filter({ hasText: `My records from the spring (${stamp}).` });
    await expect(mine).toContainText("We must answer by");

    // "This is wrong" opens a short form beside the item, by keyboard, and files an amendment naming it.
    await page.goto("/me?kind=update");
    const update = page.locator("article[id^='item-']").first();
    const title = (await update.getByRole("heading").textContent())!.trim();
    const wrong = update.getByRole("link", { name: /^This is wrong/ });
    await wrong.focus();
    await page.keyboard.press("Enter");
    const what = update.getByLabel("What is wrong?");
    await expect(what).toBeVisible();
    await update.getByRole("button", { name: "Ask us to correct it" }).click();
    await expect(what).toHaveAccessibleDescription(/In your own words.*Tell us what is wrong/);
    await what.fill(`That date is wrong (${stamp}).`);
    await update.getByRole("button", { name: "Ask us to correct it" }).click();
    await expect(update.getByText(/We have your request to correct this item/)).toBeVisible();
    await expect(page).toHaveURL(/\/me\?kind=update&correct=update%3A[0-9a-f-]+#correct$/);
    await update.getByRole("link", { name: "See your request" }).click();
    const filed = page.locator("li[id^='request-']").filter({ hasText: `That date is wrong (${stamp}).` });
    await expect(filed).toContainText("Correct my records");
    await expect(filed).toContainText(`About: Update from your care team: ${title}`);
  });

  test("a family member sees the care they were shared and raises a concern on the patient's behalf", async ({
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const page = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "Maria Alvarez's care" })).toBeVisible();
    await expect(page.getByText("You are their daughter.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Use my rights" })).toHaveCount(0);
    // The patient's own details are theirs: the plan is shared, the date of birth is not.
    // Family pages speak about the patient: her plan, not "my" plan.
    await expect(page.getByRole("heading", { name: "Maria's care plan" })).toBeVisible();
    await expect(page.getByRole("region", { name: "My details" })).toHaveCount(0);
    await page.getByRole("link", { name: "Raise a concern" }).click();
    await expect(page.getByText("You are raising this on behalf of Maria Alvarez.")).toBeVisible();
    await page.getByLabel("What is it about?").selectOption({ label: "How people communicated with me" });
    await page.getByLabel("What happened").fill(`Mum was not told about the new time (${stamp}).`);
    await page.getByLabel("What would you like to happen?").fill("A call when times change.");
    await page.getByRole("button", { name: "Send my concern" }).click();
    await expect(page.getByText("Your concern has been sent.")).toBeVisible();
  });

  test("the keyboard alone walks the timeline and files a concern", async ({ browser }) => {
    const stamp = Date.now().toString(36);
    const page = await patientPage(browser);
    await inEnglish(page);
    await page.goto("/me");
    await tabTo(page, page.getByRole("link", { name: "Skip to main content" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("link", { name: "Raise a concern" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Raise a concern", level: 1 })).toBeVisible();
    await tabTo(page, page.getByLabel("What is it about?"));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("What happened")).toBeFocused();
    await page.keyboard.type(`Typed with the keyboard only (${stamp}).`);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Nothing more.");
    await tabTo(page, page.getByRole("button", { name: "Send my concern" }));
    await page.keyboard.press("Enter");
    await expect(page.getByText("Your concern has been sent.")).toBeVisible();
  });

  test("on a 375-pixel phone nothing is cut off or scrolls sideways", async ({ browser }) => {
    const page = await patientPage(browser, { viewport: { width: 375, height: 740 } });
    for (const path of [
      "/me",
      "/me/rights",
      "/me/concerns/new",
      "/me/family",
      "/me/preferences",
      "/me/access-log",
      "/me/summary",
      "/me?kind=message",
    ]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });

  test("internal notes and staff-only items never reach the portal, in the HTML or the RSC payload", async ({
    browser,
  }) => {
    // Seeded for the demo patient: a draft update, staff-only team messages, a staff note on a move
    // of her confidential concern. The shared message is the control: it must be there.
    const internal = [
      "Two weeks home",
      "She has no ride for Tuesday's infusion.",
      "Booked the van for 8:15 pickup.",
      "Met the patient in person; she asked that the clinic team not be told yet.",
      "Called the patient to acknowledge.",
      "Arrange interpreter.",
    ];
    // The staff pages of her record: a 404 for her and her daughter, whatever they share.
    const staff = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    const own = await patientIdFor(staff, OWN_MRN);
    for (const account of ["patient", "family"] as const) {
      const page = await (await browser.newContext({ storageState: storageFor(account) })).newPage();
      await page.goto("/me?kind=concern");
      const concernLinks = await page
        .locator("a[href^='/me/concerns/']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(concernLinks.length).toBeGreaterThan(0);
      // The older page of her history is reached by its cursor ("Show older items"), when there is one.
      await page.goto("/me");
      const older = await page
        .locator("main a[href*='before=']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      const staffPages = [
        "",
        "/appointments",
        "/care-plan",
        "/updates",
        "/concerns",
        "/rights-requests",
        "/preferences",
      ].map((p) => `/patients/${own}${p}`);
      const staffPaths = [
        ...staffPages,
        ...concernLinks
          .map((href) => /\/me\/concerns\/([0-9a-f-]{36})/.exec(href)?.[1])
          .filter((id) => id !== undefined)
          .map((id) => `/patients/${own}/concerns/${id}`),
      ];
      const paths = [
        ...staffPaths,
        "/me",
        ...older.slice(0, 1),
        ...["appointment", "update", "message", "concern", "rights", "resource"].map((k) => `/me?kind=${k}`),
        // Her daughter was not given her requests (a scope of its own): /me/rights is hers alone.
        ...(account === "patient" ? ["/me/rights"] : []),
        ...concernLinks,
      ];
      let sawShared = false;
      for (const path of paths) {
        for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
          // An RSC request is redirected once by Next to add its cache-busting `_rsc` parameter:
          // follow that, and make sure the answer is still this page, never the sign-in.
          const response = await page.request.get(path, { headers });
          expect(new URL(response.url()).pathname, `${account} ${path}`).toBe(
            new URL(path, "http://x").pathname,
          );
          const body = await response.text();
          const refused = staffPaths.includes(path);
          // A refused page is a 404; its RSC payload streams the not-found page (Next answers 200
          // once streaming starts), so there the proof is that the record is not in it.
          if (!refused || !headers.RSC)
            expect(response.status(), `${account} ${path}`).toBe(refused ? 404 : 200);
          if (refused) expect(body, `${account} ${path}`).not.toContain(OWN_MRN);
          for (const secret of internal) expect(body, `${account} ${path}`).not.toContain(secret);
          sawShared ||= body.includes("the car will collect you at 9:15");
        }
      }
      expect(sawShared, "the message shared with the patient does reach the portal").toBe(true);
    }
  });

  test("a patient invites a family member with a one-time link, who signs in and sees only what was shared, until revoked", async ({
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const email = `sam-${stamp}@example.org`;
    const page = await patientPage(browser);
    await inEnglish(page);
    await page.getByRole("link", { name: "Family and caregivers" }).click();
    const form = page.getByRole("region", { name: "Invite someone" });
    await form.getByLabel("Their email").fill(email);
    await form.getByLabel("How they are related to you").fill("son");
    await form.getByLabel("They may see my care timeline").uncheck();
    await form.getByRole("button", { name: "Create the invitation" }).click();
    await expect(form.getByText("Choose at least one thing they may do.")).toBeVisible();
    await form.getByLabel("They may see my care timeline").check();
    await form.getByRole("button", { name: "Create the invitation" }).click();
    const link = await form.getByRole("textbox", { name: "Invitation link" }).inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText(email, { exact: true })).toBeVisible();

    // An email that already has an account is refused.
    await form.getByLabel("Their email").fill("coordinator@carebridge.example");
    await form.getByLabel("How they are related to you").fill("friend");
    await form.getByRole("button", { name: "Create the invitation" }).click();
    await expect(form.getByText(/That email already has a Carebridge account/).first()).toBeVisible();
    await expect(form.getByLabel("Their email")).toHaveAttribute("aria-invalid", "true");

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(new URL(link).pathname);
    await expect(
      invitee.getByRole("heading", { name: "Maria Alvarez has invited you to Carebridge" }),
    ).toBeVisible();
    await invitee.getByLabel("Your name").fill("Sam Alvarez");
    await invitee.getByLabel("Choose a password").fill("a long family password 2026");
    await invitee.getByRole("button", { name: "Create my account" }).click();
    await expect(invitee.getByText("Your account is ready.")).toBeVisible();
    await invitee.goto(new URL(link).pathname);
    await expect(invitee.getByText("This invitation link was already used.")).toBeVisible();

    await invitee.goto("/login");
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Password").fill("a long family password 2026");
    await invitee.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(invitee.getByRole("heading", { name: "Maria Alvarez's care" })).toBeVisible();
    await expect(invitee.getByRole("link", { name: "Raise a concern" })).toHaveCount(0);

    await page.reload();
    await page.getByRole("button", { name: "Stop sharing with Sam Alvarez" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Stop sharing" }).click();
    // The person leaves the list at once.
    await expect(page.getByRole("heading", { name: /Sam Alvarez/ })).toHaveCount(0);
    await invitee.reload();
    await expect(invitee.getByRole("heading", { name: "Maria Alvarez's care" })).toHaveCount(0);
    await expect(invitee.getByText(/Nobody has shared their care with you yet/)).toBeVisible();
  });

  test("a patient sees which staff opened their record", async ({ browser }) => {
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    const id = await patientIdFor(coordinator, OWN_MRN);
    await coordinator.goto(`/patients/${id}`);
    const banner = (await coordinator.getByRole("banner").textContent()) ?? "";
    const name = /([A-Z][a-z]+ [A-Z][a-z]+) \(Care coordinator\)/.exec(banner)?.[1];
    expect(name, "the coordinator's name in the header").toBeTruthy();
    const page = await patientPage(browser);
    await inEnglish(page);
    await page.getByRole("link", { name: "Who has seen my record" }).click();
    const row = page.getByRole("row").filter({ hasText: name! }).first();
    await expect(row).toContainText("Care coordinator");
  });

  test("a patient says what matters to them; the advocate reads it on the record", async ({ browser }) => {
    const stamp = Date.now().toString(36);
    const page = await patientPage(browser);
    await page.goto("/me/preferences");
    await expect(page.getByRole("heading", { name: "Lo que me importa" })).toBeVisible();
    await page.getByLabel("Lo que más me importa").fill(`Estar en casa con mis nietos (${stamp}).`);
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByText("Guardado. Su equipo de atención lo verá.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Cambios" })).toContainText("Lo que más me importa");
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const id = await patientIdFor(advocate, OWN_MRN);
    await advocate.goto(`/patients/${id}/preferences`);
    await expect(advocate.getByText(`Estar en casa con mis nietos (${stamp}).`).first()).toBeVisible();
  });

  test("a patient adds an appointment to their calendar and asks to move it; the coordinator deals with it", async ({
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    const page = await patientPage(browser);
    await inEnglish(page);
    // An upcoming appointment nobody has asked about yet (the matrix asks about one of them): the
    // appointments filter lists the next twenty, the home only the next five.
    await page.goto("/me?kind=appointment");
    const links = await page
      .getByRole("region", { name: "Coming up" })
      .locator("a[href^='/me/appointments/']")
      .evaluateAll((all) => all.map((a) => a.getAttribute("href")!));
    expect(links.length).toBeGreaterThan(1);
    for (const href of links.reverse()) {
      await page.goto(href);
      if ((await page.getByRole("button", { name: "Send to my coordinator" }).count()) > 0) break;
    }
    await expect(page.getByRole("link", { name: "Add to my calendar" })).toBeVisible();
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Add to my calendar" }).click();
    expect((await downloading).suggestedFilename()).toMatch(/^appointment-[0-9a-f]{8}\.ics$/);

    await page.getByRole("button", { name: "Send to my coordinator" }).click();
    await expect(page.getByText("Say why, in a few words.")).toBeVisible();
    await page.getByLabel("What would you like?").selectOption({ label: "Move it to another time" });
    await page.getByLabel("Why?").fill(`My daughter cannot drive me that day (${stamp}).`);
    await page.getByRole("button", { name: "Send to my coordinator" }).click();
    await expect(page.getByText(/Your coordinator is dealing with it/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Send to my coordinator" })).toHaveCount(0);

    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    await coordinator.goto("/dashboard");
    const tasks = coordinator.getByRole("region", { name: /Patients asking to move or cancel/ });
    await expect(tasks).toContainText(`My daughter cannot drive me that day (${stamp}).`);
    await tasks.getByRole("link", { name: "Maria Alvarez" }).first().click();
    const request = coordinator
      .getByRole("region", { name: /The patient asked for a change/ })
      .getByRole("listitem")
      .filter({ hasText: stamp });
    await request.getByText("Mark as dealt with").first().click();
    await request.getByLabel("What you did").fill("Moved to Thursday afternoon; told Maria by phone.");
    await request.getByRole("button", { name: "Mark as dealt with" }).click();
    await expect(coordinator.getByText(`My daughter cannot drive me that day (${stamp}).`)).toHaveCount(0);
  });

  test("a patient downloads everything as a FHIR bundle", async ({ browser }) => {
    const page = await patientPage(browser);
    await inEnglish(page);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download all my data (FHIR)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^my-carebridge-record-\d{4}-\d{2}-\d{2}\.json$/);
    const bundle = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    expect(bundle.entry[0].resource).toMatchObject({
      resourceType: "Patient",
      birthDate: expect.any(String),
    });
    expect(JSON.stringify(bundle)).not.toContain("Two weeks home");

    await page.getByRole("link", { name: "Print a summary of my care" }).click();
    await expect(page.getByRole("heading", { name: "Care summary for Maria Alvarez" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  });
});
