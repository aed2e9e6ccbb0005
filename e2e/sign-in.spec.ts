import { type Browser, expect, test } from "@playwright/test";
import { ACCOUNTS, type AccountKey, DEMO_PASSWORD, HOME, signIn, signInAs } from "./support";

test.describe("signing in and out @smoke", () => {
  for (const account of ["admin", "coordinator", "advocate", "patient", "family"] as AccountKey[]) {
    test(`${account} signs in, lands on their home page, and signs out`, async ({ page }) => {
      await signInAs(page, account);
      await expect(page).toHaveURL(new RegExp(`${HOME[account]}$`));
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      // The demo patient's portal is in Spanish, her preferred language.
      await page.getByRole("button", { name: /^(Sign out|Cerrar sesión)$/ }).click();
      await expect(page).toHaveURL(/\/login\?signedOut=1$/);
      await expect(page.getByText("You have signed out.")).toBeVisible();
      // The old page is gone with the session.
      await page.goto(HOME[account]);
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    await signIn(page, ACCOUNTS.advocate, "not-the-right-password");
    const wrongPassword = await page.getByRole("alert").filter({ hasText: "do not match" }).textContent();
    await signIn(page, "nobody-here@carebridge.example", "not-the-right-password");
    const unknownEmail = await page.getByRole("alert").filter({ hasText: "do not match" }).textContent();
    expect(wrongPassword).toBeTruthy();
    expect(unknownEmail).toBe(wrongPassword);
    await expect(page.getByLabel("Email")).toHaveValue("nobody-here@carebridge.example");
  });

  test("an empty form gets a message on each field and nothing else happens", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("a signed-in person who opens /login goes to their home page", async ({ page }) => {
    await signInAs(page, "coordinator");
    await page.goto("/login");
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test.describe("the sign-in page in the person's language (issue 17)", () => {
  /** A browser with no session: in a language (Accept-Language), with or without the switch's cookie. */
  async function visitor(
    browser: Browser,
    baseURL: string,
    options: { cookie?: "en" | "es"; locale?: string },
  ) {
    const context = await browser.newContext(options.locale ? { locale: options.locale } : {});
    if (options.cookie) await context.addCookies([{ name: "cb-lang", value: options.cookie, url: baseURL }]);
    return context.newPage();
  }

  test("with the Spanish cookie it is in Spanish, refuses in Spanish, and switches to English", async ({
    browser,
    baseURL,
  }) => {
    const page = await visitor(browser, baseURL!, { cookie: "es" });
    await page.goto("/login?ended=idle");
    await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "es");
    await expect(page).toHaveTitle(/^Iniciar sesión/);
    await expect(page.getByText("Su sesión se cerró por inactividad.", { exact: false })).toBeVisible();
    await expect(
      page.getByText("Carebridge guarda información de salud protegida.", { exact: false }),
    ).toBeVisible();

    // An empty form: the field messages in Spanish, before any attempt is counted.
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page.getByText("Escriba su correo electrónico.")).toBeVisible();
    await expect(page.getByText("Escriba su contraseña.")).toBeVisible();
    await expect(page.getByLabel("Correo electrónico")).toHaveAttribute("aria-invalid", "true");

    // A wrong password.
    await page.getByLabel("Correo electrónico").fill(ACCOUNTS.advocate);
    await page.getByLabel("Contraseña").fill("not-the-right-password");
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(
      page.getByRole("alert").filter({
        hasText:
          "Ese correo electrónico y esa contraseña no coinciden con ninguna cuenta. Revíselos e inténtelo de nuevo.",
      }),
    ).toBeVisible();
    await expect(page.getByText("do not match")).toHaveCount(0);

    // The switch names the other language in that language; the page keeps its query.
    await page.getByRole("form", { name: "Idioma" }).getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "en");
    await expect(
      page.getByText("You were signed out after a period of inactivity.", { exact: false }),
    ).toBeVisible();
    // The Spanish answer went with the Spanish form.
    await expect(page.getByText("no coinciden", { exact: false })).toHaveCount(0);
    await expect(
      page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Español" }),
    ).toBeVisible();
    // The choice is kept for the next visit.
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
  });

  test("the right password signs in from the Spanish page", async ({ browser, baseURL }) => {
    const page = await visitor(browser, baseURL!, { cookie: "es" });
    await page.goto("/login");
    await page.getByLabel("Correo electrónico").fill(ACCOUNTS.family);
    await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${HOME.family}$`));
  });

  test("a browser whose first language is Spanish gets Spanish; the cookie overrides it", async ({
    browser,
    baseURL,
  }) => {
    const page = await visitor(browser, baseURL!, { locale: "es-US" });
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "es");

    const chosen = await visitor(browser, baseURL!, { locale: "es-US", cookie: "en" });
    await chosen.goto("/login");
    await expect(chosen.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });

  test("the control: no cookie and an English browser get the English page", async ({ browser, baseURL }) => {
    const page = await visitor(browser, baseURL!, { locale: "en-US" });
    await page.goto("/login?signedOut=1");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "en");
    await expect(page).toHaveTitle(/^Sign in/);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Password")).toBeVisible();
    await expect(
      page.getByRole("form", { name: "Language" }).getByRole("button", { name: "Español" }),
    ).toBeVisible();
    await expect(page.getByText("Iniciar sesión")).toHaveCount(0);
  });
});
