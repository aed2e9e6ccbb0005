import { expect, type Page, test } from "@playwright/test";
import { signIn, signInAs } from "./support";
import { DEMO_TOTP_ACCOUNT, DEMO_TOTP_SECRET, enterCode, freshCode } from "./totp";

// On the main server (step-up after 20 s there), after every main spec: these change the
// organisation's sign-in rules and lock the demo second-factor account, which no other spec may meet.
test.describe.configure({ mode: "serial" });

async function setRequirement(page: Page, value: "on" | "off") {
  await page.goto("/admin/security");
  await page.getByLabel("Second factor for staff").selectOption(value);
  await page.getByRole("button", { name: "Save sign-in rules" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
}

test.describe("the organisation's second-factor rules", () => {
  test("an admin requires a second factor of staff: one without is taken to enrolment and can do nothing else", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const admin = await (await browser.newContext()).newPage();
    await signInAs(admin, "admin");
    await setRequirement(admin, "on");
    try {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, "advocate2@carebridge.example");
      await expect(page).toHaveURL(/\/login\/enrol$/);
      await expect(page.getByText("Your organisation requires a second factor for staff.")).toBeVisible();
      for (const path of ["/dashboard", "/patients", "/account/security"]) {
        await page.goto(path);
        await expect(page, path).toHaveURL(new RegExp(`/login/enrol\\?next=${encodeURIComponent(path)}$`));
      }
      await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
      const secret = (await page.getByLabel("Setup key").inputValue()).replace(/\s/g, "");
      const { code } = await freshCode(secret);
      await page.getByLabel("Code from your app").fill(code);
      await page.getByRole("button", { name: "Confirm and turn on" }).click();
      await expect(
        page.getByRole("list", { name: "Save your recovery codes" }).getByRole("listitem"),
      ).toHaveCount(10);
      await page.getByRole("link", { name: "I saved my codes, continue" }).click();
      await expect(page).toHaveURL(/\/account\/security$/);
      await expect(page.getByRole("heading", { name: "Authenticator app: on." })).toBeVisible();

      // Patients are never required to: the same rule lets the patient straight in (the control).
      const patient = await (await browser.newContext()).newPage();
      await signInAs(patient, "patient");
    } finally {
      await setRequirement(admin, "off");
    }
  });

  test("a stale second factor is asked again before emergency access, then the request goes through", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO_TOTP_ACCOUNT);
    await expect(page).toHaveURL(/\/login\/second-factor$/);
    const signedIn = await enterCode(page.locator("main"), DEMO_TOTP_SECRET);
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.goto("/emergency-access");
    await expect(page.getByRole("heading", { name: "Confirm it's you to make changes" })).toHaveCount(0);
    await page.waitForTimeout(21_000);
    await page.getByLabel("Patient MRN").fill("CB-100002");
    await page
      .getByLabel("Reason for access")
      .fill("Covering for a colleague: the patient called about a fall.");
    await page.getByLabel(/I understand that this access/).check();
    await page.getByRole("button", { name: "Open the record" }).click();
    await expect(page.getByText("For your security, confirm it's you").first()).toBeVisible();
    // Nothing typed is lost while the person confirms.
    await expect(page.getByLabel("Reason for access")).toHaveValue(/the patient called about a fall/);

    const prompt = page.getByRole("region", { name: "Confirm it's you to make changes" });
    await enterCode(prompt, DEMO_TOTP_SECRET, { after: signedIn });
    await expect(prompt.getByText(/Thank you\. You can make changes/)).toBeVisible();

    await page.getByLabel(/I understand that this access/).check();
    await page.getByRole("button", { name: "Open the record" }).click();
    await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
    await expect(page.getByText("You are viewing this record through emergency access")).toBeVisible();
  });

  test("five wrong codes lock the account as five wrong passwords do", async ({ page }) => {
    await signIn(page, DEMO_TOTP_ACCOUNT);
    await expect(page).toHaveURL(/\/login\/second-factor$/);
    // Each wrong code answered before the next is typed (the message of the one before is still shown).
    const wrongCode = async () => {
      const answered = page.waitForResponse(
        (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
      );
      await page.getByLabel("Code from your app").fill("000000");
      await page.getByRole("button", { name: "Continue" }).click();
      return answered;
    };
    for (let i = 0; i < 4; i++) {
      await wrongCode();
      await expect(page.getByText("That code did not work.").first()).toBeVisible();
    }
    await wrongCode();
    await expect(page).toHaveURL(/\/login\?ended=second-factor-locked$/);
    await expect(page.getByText("Too many wrong codes.")).toBeVisible();
    // The right password does not open it now.
    await signIn(page, DEMO_TOTP_ACCOUNT);
    await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});
