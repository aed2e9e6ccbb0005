import { defineConfig, devices } from "@playwright/test";

// scripts/test.ts prepares two databases and passes their settings here; `npm test` is the way in.
const mainEnv = JSON.parse(process.env.E2E_MAIN_ENV ?? "{}") as Record<string, string>;
const auxEnv = JSON.parse(process.env.E2E_AUX_ENV ?? "{}") as Record<string, string>;
export const MAIN_URL = "http://127.0.0.1:3100";
export const AUX_URL = "http://127.0.0.1:3101";
// The OpenID provider single sign-on is tested against (e2e/oidc/provider.ts, e2e/sso.spec.ts).
export const OIDC_ISSUER = "http://127.0.0.1:3102";

const serverEnv = (extra: Record<string, string>) =>
  ({
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "",
    OIDC_ISSUER,
    OIDC_CLIENT_ID: "carebridge",
    OIDC_CLIENT_SECRET: "e2e-secret",
    OIDC_NAME: "Test Identity Provider",
    ...extra,
  }) as Record<string, string>;

export default defineConfig({
  testDir: "e2e",
  outputDir: ".data/test-results/playwright",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL: MAIN_URL,
    trace: "on-first-retry",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "main",
      testMatch: /\.spec\.ts$/,
      testIgnore: /\.(aux|enforce)\.spec\.ts$/,
      dependencies: ["setup"],
    },
    // Specs that lock, deactivate or time out accounts run against their own server and database.
    { name: "aux", testMatch: /\.aux\.spec\.ts$/, use: { baseURL: AUX_URL } },
    // Specs that change the organisation's sign-in rules (a second factor required of all staff)
    // run on the aux server after every aux spec, so no other sign-in meets the rule by surprise.
    // Specs that change the organisation's sign-in rules (a second factor required of all staff)
    // and lock the demo second-factor account run on the main server after every main spec, so no
    // other sign-in meets them by surprise (the aux server's 6-second idle limit is too short for them).
    { name: "main-enforce", testMatch: /\.enforce\.spec\.ts$/, dependencies: ["main"] },
  ],
  // Request contexts reuse idle connections; with Node's 5 s keep-alive a request sent as the server
  // closes its end fails with ECONNRESET (seen on action calls after a page's slow reload). Keep
  // connections open longer than any pause between a test's requests.
  webServer: [
    {
      command: "node_modules/.bin/tsx e2e/oidc/provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "node_modules/.bin/next start -p 3100 -H 127.0.0.1 --keepAliveTimeout 65000",
      url: `${MAIN_URL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      // Links handed out (invitations, calendar addresses) point at the server under test.
      // Step-up after 20 s instead of 15 min: only the accounts with a second factor meet it (the
      // demo roles have none), and e2e/second-factor.enforce.spec.ts sees it happen.
      // Passkeys are made for localhost (an IP address cannot hold one): e2e/passkeys.spec.ts opens it.
      env: serverEnv({
        ...mainEnv,
        PUBLIC_URL: MAIN_URL,
        STEP_UP_SECONDS: "20",
        WEBAUTHN_ORIGINS: "http://localhost:3100",
      }),
    },
    {
      command: "node_modules/.bin/next start -p 3101 -H 127.0.0.1 --keepAliveTimeout 65000",
      url: `${AUX_URL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      // Short limits so idle log-off and the absolute limit can be seen within a test.
      env: serverEnv({
        ...auxEnv,
        PUBLIC_URL: AUX_URL,
        SESSION_IDLE_SECONDS: "6",
        SESSION_MAX_SECONDS: "25",
      }),
    },
  ],
});
