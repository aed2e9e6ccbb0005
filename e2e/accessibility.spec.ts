import { expect, test } from "@playwright/test";
import { DIRECTIVE_WORDS } from "../lib/i18n/directives";
import { MESSAGES } from "../lib/i18n/messages";
import { REFERRAL_WORDS } from "../lib/i18n/referrals";
import { SCREENING_WORDS } from "../lib/i18n/screening";
import { SECURITY_WORDS } from "../lib/i18n/security";
import { unsubscribeToken } from "../lib/notifications/unsubscribe-token";
import {
  ACCOUNTS,
  type AccountKey,
  expectNoSeriousViolations,
  OWN_MRN,
  patientIdFor,
  signInPending,
  storageFor,
} from "./support";

const PAGES: Record<AccountKey, string[]> = {
  admin: [
    "/admin/users",
    "/admin/users/new",
    "/admin/audit",
    "/admin/emergency-access",
    "/admin/outbox",
    "/admin/security",
    "/notifications",
    "/notifications/settings",
  ],
  coordinator: [
    "/dashboard",
    "/my-work",
    "/patients",
    "/patients?q=zzzz",
    "/emergency-access",
    "/emergency-access?q=Al",
    "/emergency-access?q=A",
    "/patients/not-a-uuid",
    "/schedule",
    "/schedule?view=day",
    "/notifications",
    "/notifications/settings",
    "/services",
  ],
  coordinator2: [],
  advocate: [
    "/dashboard",
    "/my-work",
    "/patients",
    "/messages",
    "/calendar",
    "/concerns",
    "/concerns?severity=urgent",
    "/resources",
    "/rights-requests",
  ],
  patient: [
    "/me",
    "/me/calendar",
    "/me/rights",
    "/me/concerns/new",
    "/me/family",
    "/me/access-log",
    "/me/messages",
    `/invite/${"A".repeat(43)}`,
  ],
  family: [
    "/me",
    "/me?kind=concern",
    "/me/concerns/new",
    "/me/preferences",
    "/me/messages",
    "/me/notifications",
    "/me/notifications/settings",
    "/me/security",
  ],
};

test.describe("accessibility (axe: no serious or critical violations)", () => {
  // axe walks every node of a page; on two shared cores a page full of forms takes seconds.
  test.describe.configure({ timeout: 150_000 });
  test("the sign-in page, empty and with errors @smoke", async ({ page }) => {
    await page.goto("/login");
    await expectNoSeriousViolations(page, "/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expectNoSeriousViolations(page, "/login with errors");
  });

  test("the sign-in page in Spanish, empty and with errors", async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "cb-lang", value: "es", url: baseURL! }]);
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("main")).toHaveAttribute("lang", "es");
    await expectNoSeriousViolations(page, "/login (Español)");
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page.getByText("Escriba su correo electrónico.")).toBeVisible();
    await expectNoSeriousViolations(page, "/login with errors (Español)");
  });

  test("the code asked for after the password, with the recovery code opened and an empty code said", async ({
    page,
  }) => {
    const w = SECURITY_WORDS.en;
    // Signed in afresh rather than from the saved "pending" state: such a session lasts ten minutes.
    await signInPending(page);
    await expect(page.getByRole("heading", { level: 1, name: w.verifyTitle })).toBeVisible();
    await expectNoSeriousViolations(page, "/login/second-factor");
    await page.getByText(w.useRecovery).click();
    await expect(page.getByLabel(w.recoveryCode)).toBeVisible();
    await expectNoSeriousViolations(page, "/login/second-factor with the recovery code open");
    // An empty code is said on its field and counts for nothing toward the lock (a wrong one would).
    await page.getByRole("button", { name: w.verify, exact: true }).click();
    await expect(page.getByText(w.enterCode).first()).toBeVisible();
    await expectNoSeriousViolations(page, "/login/second-factor with an empty code");
  });

  test("one's own sign-in security: staff setting up an app, the patient's page in Spanish", async ({
    browser,
  }) => {
    const { en, es } = SECURITY_WORDS;
    // No demo staff account has an app: the page shows the QR code and the setup key to add one.
    const staff = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    await staff.goto("/account/security");
    await expect(staff.getByRole("img", { name: en.qrAlt })).toBeVisible();
    await expectNoSeriousViolations(staff, "/account/security (setting up an app)");
    // A wrong first code is said on its field (it counts toward no lock: nothing is on yet).
    await staff.getByLabel(en.code).fill("000000");
    await staff.getByRole("button", { name: en.confirm }).click();
    await expect(staff.getByText(en.wrongCode).first()).toBeVisible();
    await expectNoSeriousViolations(staff, "/account/security with a wrong first code");
    // The demo patient reads the portal in Spanish.
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me");
    const spanish = patient.getByRole("button", { name: "Español" });
    if (await spanish.count()) await spanish.click();
    await expect(patient.getByRole("button", { name: "English" })).toBeVisible();
    await patient.goto("/me/security");
    await expect(patient.getByRole("heading", { level: 1, name: es.securityTitle })).toBeVisible();
    await expect(patient.getByRole("img", { name: es.qrAlt })).toBeVisible();
    await expectNoSeriousViolations(patient, "/me/security (Spanish)");
  });

  test("the unsubscribe page an email links to, opened with no session", async ({ browser }) => {
    // The patient's user id as the admin finds it; the token signed as the server signs it
    // (scripts/test.ts gives this run and its servers one AUTH_SECRET). Opening it changes nothing.
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto(`/admin/users?q=${encodeURIComponent(ACCOUNTS.patient)}`);
    const href = await admin
      // The user's own link (a table of recent refusals may list her too, linking to the audit).
      .locator("a[href^='/admin/users/']")
      .filter({ hasText: "Maria Alvarez" })
      .first()
      .getAttribute("href");
    const token = unsubscribeToken(
      href!.split("/").at(-1)!,
      "appointment-reminder",
      process.env.AUTH_SECRET!,
    );
    const page = await (await browser.newContext()).newPage();
    await page.goto(`/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button")).toHaveCount(1);
    await expectNoSeriousViolations(page, "/unsubscribe/[token]");
  });

  for (const [account, paths] of Object.entries(PAGES) as [AccountKey, string[]][]) {
    if (paths.length === 0) continue;
    test(`every page ${account} uses`, async ({ browser }) => {
      const page = await (await browser.newContext({ storageState: storageFor(account) })).newPage();
      for (const path of paths) {
        await page.goto(path);
        await expectNoSeriousViolations(page, `${account} ${path}`);
      }
    });
  }

  test("the schedule's week and day views with a cancelled appointment on them", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    // The seed cancels some past appointments of the caseload (never future ones): walk back week
    // by week from today to the first week that shows one. Nothing is written.
    await page.goto("/schedule");
    const cancelled = page.getByText("Cancelled", { exact: true });
    for (let weeks = 0; weeks < 26 && (await cancelled.count()) === 0; weeks++) {
      const heading = await page.getByRole("heading", { name: /^Week of/ }).textContent();
      await page.getByRole("link", { name: "Previous week" }).click();
      await expect(page.getByRole("heading", { name: /^Week of/ })).not.toHaveText(heading!);
    }
    await expect(cancelled.first(), "a week with a cancelled appointment in the last 26").toBeVisible();
    const card = page
      .getByRole("listitem")
      .filter({ has: cancelled })
      .filter({ hasNot: page.getByRole("heading", { level: 3 }) })
      .first();
    // Told apart by words and a strike-through, not by fading it below 4.5:1.
    await expect(card).toHaveCSS("opacity", "1");
    await expect(card.locator(".line-through").first()).toBeVisible();
    await expectNoSeriousViolations(page, "/schedule (week) with a cancelled appointment");

    const day = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 3 }) })
      .filter({ has: cancelled })
      .first();
    await day.getByRole("heading", { level: 3 }).getByRole("link").click();
    await expect(page).toHaveURL(/view=day/);
    await expect(cancelled.first()).toBeVisible();
    await expectNoSeriousViolations(page, "/schedule (day) with a cancelled appointment");
  });

  test("a patient record and a user's admin page", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    const id = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${id}`);
    await expectNoSeriousViolations(page, "/patients/[id]");
    await page.goto(`/patients/${id}/appointments`);
    await page
      .getByText(/^Change “/)
      .first()
      .click();
    await expectNoSeriousViolations(page, "/patients/[id]/appointments");
    await page.goto(`/patients/${id}/updates`);
    await expectNoSeriousViolations(page, "/patients/[id]/updates");
    await page.goto(`/patients/${id}/messages`);
    await expectNoSeriousViolations(page, "/patients/[id]/messages");
    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/users?q=coordinator%40");
    await admin.getByRole("link", { name: "Casey Morgan" }).click();
    await expect(admin.getByRole("heading", { name: "Casey Morgan" })).toBeVisible();
    await expectNoSeriousViolations(admin, "/admin/users/[id]");
    await admin.goto(`${admin.url()}?q=Al`);
    await expectNoSeriousViolations(admin, "/admin/users/[id] with patients found");
    await admin.goto(`${admin.url().split("?")[0]}/transfer`);
    await expect(admin.getByRole("heading", { name: "Move Casey Morgan's patients" })).toBeVisible();
    await expectNoSeriousViolations(admin, "/admin/users/[id]/transfer");
  });

  test("a care plan with its forms open, its print view, and the patient's view of it", async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    const id = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${id}/care-plan`);
    // Each form opens on its own (`?edit=`), and the focus lands on it.
    await page
      .getByText(/^Edit or remove/)
      .first()
      .click();
    await expect(page.getByRole("region", { name: /^Edit or remove/ })).toBeFocused();
    await expectNoSeriousViolations(page, "/patients/[id]/care-plan?edit=<item>");
    await page.getByText("Add a goal").click();
    await expect(page.getByRole("button", { name: "Add goal" })).toBeVisible();
    await page.getByRole("link", { name: "Show the version history" }).click();
    await expect(
      page.getByRole("region", { name: "Version history" }).getByRole("listitem").first(),
    ).toBeVisible();
    await expectNoSeriousViolations(page, "/patients/[id]/care-plan?edit=add-goal&history=1");
    await page.goto(`/patients/${id}/care-plan/print`);
    await expectNoSeriousViolations(page, "/patients/[id]/care-plan/print");
    // The patient reads her plan through the portal (staff pages are a 404 for her): its printable summary.
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me/summary");
    await expectNoSeriousViolations(patient, "patient /me/summary (the care plan as she sees it)");
  });

  test("a patient's concerns, a concern with its forms, and a response letter", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const id = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${id}/preferences`);
    await expectNoSeriousViolations(page, "/patients/[id]/preferences");
    await page.goto(`/patients/${id}/advocacy`);
    await expectNoSeriousViolations(page, "/patients/[id]/advocacy");
    await page.goto(`/patients/${id}/rights-requests`);
    await expectNoSeriousViolations(page, "/patients/[id]/rights-requests");
    await page.goto(`/patients/${id}/concerns`);
    await expectNoSeriousViolations(page, "/patients/[id]/concerns");
    await page.getByRole("link", { name: "Respect and discrimination" }).first().click();
    await expect(page.getByRole("region", { name: "History" })).toBeVisible();
    await expectNoSeriousViolations(page, "/patients/[id]/concerns/[concernId]");
    await page.goto("/concerns?status=resolved");
    await page.getByRole("row").nth(1).getByRole("link").click();
    await page.getByRole("link", { name: "Print the response letter" }).click();
    await expect(page.getByRole("heading", { name: "Our response to your concern" })).toBeVisible();
    await expectNoSeriousViolations(page, "/patients/[id]/concerns/[concernId]/letter");
  });

  test("issue 18's pages in both languages", async ({ browser, baseURL }) => {
    // The advocate's side of her record: needs and referrals (a referral form open), the screening,
    // who decides, and the decision records. Nothing is written.
    const staff = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const id = await patientIdFor(staff, OWN_MRN);
    for (const path of ["needs", "screening", "directives", "decisions"]) {
      await staff.goto(`/patients/${id}/${path}`);
      await expect(staff.getByRole("heading", { level: 1 })).toBeVisible();
      const refer = staff.locator("summary", { hasText: /^Refer to a service for / }).first();
      if (path === "needs" && (await refer.count())) await refer.click();
      await expectNoSeriousViolations(staff, `/patients/[id]/${path}`);
    }
    // Her side, in each language: the page's own words say which one it is in.
    const context = await browser.newContext({ storageState: storageFor("patient") });
    const patient = await context.newPage();
    for (const language of ["en", "es"] as const) {
      await context.addCookies([{ name: "cb-lang", value: language, url: baseURL! }]);
      const titles: Record<string, string> = {
        "/me/screening": SCREENING_WORDS[language].title,
        "/me/referrals": REFERRAL_WORDS[language].title,
        "/me/directives": DIRECTIVE_WORDS[language].title,
        "/me/decisions": MESSAGES[language].decisions.title,
      };
      for (const [path, title] of Object.entries(titles)) {
        await patient.goto(path);
        await expect(patient.getByRole("heading", { level: 1, name: title })).toBeVisible();
        await expectNoSeriousViolations(patient, `${path} (${language})`);
      }
      // A referral's "this did not work", its confirmation open (then cancelled: nothing is sent).
      await patient.goto("/me/referrals");
      const didNotWork = patient.getByRole("button", { name: REFERRAL_WORDS[language].didNotWork }).first();
      if (await didNotWork.count()) {
        await didNotWork.click();
        const dialog = patient.getByRole("dialog", {
          name: REFERRAL_WORDS[language].confirmDidNotWork.title,
        });
        await expect(dialog).toBeVisible();
        await expectNoSeriousViolations(patient, `/me/referrals with a confirmation open (${language})`);
        await dialog.getByRole("button", { name: MESSAGES[language].cancel, exact: true }).click();
        await expect(dialog).toBeHidden();
      }
    }
  });

  test("the disclosure log, an accounting, a rights decision letter and the equity report", async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const id = await patientIdFor(page, OWN_MRN);
    await page.goto(`/patients/${id}/disclosures`);
    await page.getByText("Void: made in error").first().click();
    await expectNoSeriousViolations(page, "/patients/[id]/disclosures");
    await page
      .getByRole("link", { name: /^Accounting of / })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Accounting of disclosures" })).toBeVisible();
    await expectNoSeriousViolations(page, "/patients/[id]/disclosures/accounting/[accountingId]");
    await page.goto(`/patients/${id}/rights-requests`);
    await page.getByRole("link", { name: "Decision letter" }).first().click();
    await expect(page.getByRole("heading", { name: "Our answer to your request" })).toBeVisible();
    await expectNoSeriousViolations(page, "/patients/[id]/rights-requests/[requestId]/letter");
    await page.goto("/reports");
    await expectNoSeriousViolations(page, "/reports");
  });

  test("the portal's pages for one appointment and one concern, in Spanish and in English", async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    for (const language of ["Español", "English"]) {
      await page.goto("/me");
      const other = page.getByRole("button", { name: language === "English" ? "English" : "Español" });
      if (await other.count()) await other.click();
      // The switch refreshes the page: wait for it to speak the language (it then offers the other).
      await expect(
        page.getByRole("button", { name: language === "English" ? "Español" : "English" }),
      ).toBeVisible();
      await page.locator("a[href^='/me/appointments/']").first().click();
      await expect(page).toHaveURL(/\/me\/appointments\//);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page).toHaveTitle(/\S/);
      await expectNoSeriousViolations(page, `/me/appointments/[id] (${language})`);
      await page.goto("/me?kind=concern");
      await page.locator("main a[href^='/me/concerns/']:not([href^='/me/concerns/new'])").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, `/me/concerns/[id] (${language})`);
      await page.goto("/me/messages");
      await expectNoSeriousViolations(page, `/me/messages (${language})`);
      await page.locator("main a[href^='/me/messages/']").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, `/me/messages/[id] (${language})`);
      await page.goto("/me/notifications");
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: language === "English" ? "Notifications" : "Notificaciones",
        }),
      ).toBeVisible();
      await expectNoSeriousViolations(page, `/me/notifications (${language})`);
      // Her choices of what reaches her; then with a number that is not a US mobile (nothing is saved).
      await page.goto("/me/notifications/settings");
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: language === "English" ? "Choose what reaches you" : "Elija qué le llega",
        }),
      ).toBeVisible();
      await expectNoSeriousViolations(page, `/me/notifications/settings (${language})`);
      await page.locator('input[name="smsPhone"]').fill("12");
      await page
        .getByRole("button", { name: language === "English" ? "Save my choices" : "Guardar mis opciones" })
        .click();
      await expect(page.getByRole("alert").first()).toBeVisible();
      await expectNoSeriousViolations(page, `/me/notifications/settings with errors (${language})`);
      // "This is wrong" opened beside an update: the short correction form, with its error shown.
      await page.goto("/me?kind=update");
      const item = page.locator("article[id^='item-']").first();
      await item
        .getByRole("link", { name: language === "English" ? /^This is wrong/ : /^Esto no es correcto/ })
        .click();
      await item.getByRole("button").click();
      await expect(item.getByRole("alert").first()).toBeVisible();
      await expectNoSeriousViolations(page, `/me "This is wrong" form (${language})`);
    }
  });
});
