import { test as setup } from "@playwright/test";
import { type AccountKey, signInAs, signInPending, storageFor } from "./support";

// One signed-in browser state per role, saved for the specs that depend on it.
for (const account of [
  "admin",
  "coordinator",
  "coordinator2",
  "advocate",
  "patient",
  "family",
] as AccountKey[]) {
  setup(`sign in as ${account}`, async ({ page }) => {
    await signInAs(page, account);
    await page.context().storageState({ path: storageFor(account) });
  });
}

// The demo account with an authenticator app, after its password only: it still owes the code. It
// also checks the seed early: without AUTH_SECRET at seeding the account has no app and lands home.
// The session lasts ten minutes; specs that run later sign in afresh (signInPending).
setup("sign in as pending (password only, the second factor still owed)", async ({ page }) => {
  await signInPending(page);
  await page.context().storageState({ path: storageFor("pending") });
});
