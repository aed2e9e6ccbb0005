import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { MAIN_URL } from "../playwright.config";
import { DEMO_PASSWORD, signIn, storageFor } from "./support";

// Passkeys belong to a host name, never an IP address: these run on http://localhost:3100, the
// origin the main server's WEBAUTHN_ORIGINS names, with Chromium's virtual authenticator (the
// DevTools WebAuthn domain) standing in for a laptop's passkey or a USB security key.
test.use({ baseURL: "http://localhost:3100" });

type Transport = "internal" | "usb";

async function virtualAuthenticator(context: BrowserContext, page: Page, transport: Transport) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      ctap2Version: "ctap2_1",
      transport,
      // A passkey is discoverable and verifies its user; a plain security key does neither.
      hasResidentKey: transport === "internal",
      hasUserVerification: transport === "internal",
      isUserVerified: transport === "internal",
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () =>
    (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  return { credentials };
}

/** A coordinator of the test's own, made by the admin (on 127.0.0.1, where the admin's cookie is). */
async function newCoordinator(context: BrowserContext, name: string): Promise<string> {
  const admin = await (
    await context.browser()!.newContext({ storageState: storageFor("admin"), baseURL: MAIN_URL })
  ).newPage();
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@carebridge.example`;
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Full name").fill(name);
  await admin.getByLabel("Email").fill(email);
  await admin.getByRole("combobox", { name: "Role" }).selectOption("coordinator");
  await admin.getByLabel(/Initial password/).fill(DEMO_PASSWORD);
  await admin.getByRole("button", { name: "Create the account" }).click();
  await expect(admin.getByText("Account created.")).toBeVisible();
  await admin.context().close();
  return email;
}

for (const transport of ["internal", "usb"] as const) {
  const kind = transport === "internal" ? "a passkey" : "a security key";
  test(`a coordinator signs in with a password and ${kind}`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const authenticator = await virtualAuthenticator(context, page, transport);
    const email = await newCoordinator(context, transport === "internal" ? "Parker Lane" : "Rowan Hale");

    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/account/security");
    await expect(page.getByText("No passkey yet.")).toBeVisible();
    // A name first: the button says so rather than making a passkey nobody can tell apart.
    await page.getByRole("button", { name: "Add a passkey or security key" }).click();
    await expect(page.getByText("Give the passkey a name first").first()).toBeVisible();
    await expect(page.getByLabel("Name for this passkey")).toHaveAttribute("aria-invalid", "true");
    expect(await authenticator.credentials(), "nothing made before it has a name").toHaveLength(0);
    await page.getByLabel("Name for this passkey").fill("Work laptop");
    await page.getByRole("button", { name: "Add a passkey or security key" }).click();
    await expect(
      page.getByRole("list", { name: "Save your recovery codes" }).getByRole("listitem"),
    ).toHaveCount(10);
    await page.getByRole("link", { name: "I saved my codes, continue" }).click();
    await expect(page.getByText("Work laptop", { exact: true })).toBeVisible();
    await expect(page.getByText("Not used yet.")).toBeVisible();
    expect(await authenticator.credentials()).toHaveLength(1);

    // The password alone now opens only the page that asks for the passkey.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    await signIn(page, email);
    await expect(page).toHaveURL(/\/login\/second-factor/);
    await expect(page.getByText("Use your passkey or security key.")).toBeVisible();
    await expect(page.getByLabel("Code from your app")).toHaveCount(0);
    await page.getByRole("button", { name: "Use a passkey or security key" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const [credential] = await authenticator.credentials();
    expect(credential!.signCount).toBeGreaterThan(0);

    await page.goto("/account/security");
    await expect(page.getByText(/^Last used /)).toBeVisible();
  });
}
