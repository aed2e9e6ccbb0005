import { expect, test } from "@playwright/test";
import { patientIdFor, storageFor } from "./support";

/** In advocate@'s and coordinator@'s caseloads. */
const MRN = "CB-100064";

function isoDaysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an advocate logs a call to an insurer; the follow-up shows on the dashboard until it is done", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const organisation = `Blue Valley Health Plan ${stamp}`;
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(advocate, MRN);
  await advocate.goto(`/patients/${id}/advocacy`);
  const form = advocate.getByRole("region", { name: "Log an interaction" });
  await form.getByRole("combobox", { name: "Spoke to" }).selectOption({ label: "Insurer" });
  await form.getByRole("textbox", { name: "What was asked" }).fill("Reprocess the denied home oxygen claim.");
  await form.getByLabel("Follow up by").fill(isoDaysAhead(2));
  await form.getByRole("button", { name: "Log it" }).click();
  await expect(form.getByText("Name the organisation, e.g. 'Blue Valley Health Plan'.")).toBeVisible();
  await expect(form.getByRole("combobox", { name: "Spoke to" })).toHaveValue("insurer");
  await form.getByRole("textbox", { name: "Organisation" }).fill(organisation);
  await form
    .getByRole("textbox", { name: "Outcome" })
    .fill("They will reprocess it within 10 business days.");
  await form.getByRole("button", { name: "Log it" }).click();
  await expect(form.getByText("Logged.")).toBeVisible();
  const entry = advocate.getByRole("listitem").filter({ hasText: organisation });
  await expect(entry).toContainText("Insurer");
  await expect(entry).toContainText("Avery Patel");

  await advocate.goto("/dashboard");
  const due = advocate.getByRole("region", { name: "Follow-ups due this week" });
  await expect(due).toContainText(organisation);
  await due.getByRole("listitem").filter({ hasText: organisation }).getByRole("link").click();
  await entry.getByRole("button", { name: "Mark follow-up done" }).click();
  await expect(entry).toContainText(/done/);
  await advocate.goto("/dashboard");
  await expect(advocate.getByRole("region", { name: "Follow-ups due this week" })).not.toContainText(
    organisation,
  );

  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await coordinator.goto(`/patients/${id}/advocacy`);
  await expect(coordinator.getByRole("listitem").filter({ hasText: organisation })).toBeVisible();
  await expect(coordinator.getByRole("region", { name: "Log an interaction" })).toHaveCount(0);
});
