import { test as setup } from "@playwright/test";
import { type AccountKey, signInAs, storageFor } from "./support";

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
