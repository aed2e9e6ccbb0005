import { expect, test } from "@playwright/test";
import { orgDate, patientIdFor, storageFor } from "./support";

/** In advocate@'s and coordinator@'s caseloads. */
const MRN = "CB-100064";

function isoDaysAhead(days: number): string {
  return orgDate(days);
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
  await expect(entry.getByRole("button", { name: "Mark follow-up done" })).toHaveCount(0);
  await expect(entry).toContainText(/: done /);
  await advocate.goto("/dashboard");
  await expect(advocate.getByRole("region", { name: "Follow-ups due this week" })).not.toContainText(
    organisation,
  );

  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await coordinator.goto(`/patients/${id}/advocacy`);
  await expect(coordinator.getByRole("listitem").filter({ hasText: organisation })).toBeVisible();
  await expect(coordinator.getByRole("region", { name: "Log an interaction" })).toHaveCount(0);
});

test("an advocate adds a resource to the library and gives it to a patient; the record keeps it", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const title = `Food bank near you ${stamp}`;
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await advocate.goto("/resources");
  const add = advocate.getByRole("region", { name: "Add a resource" });
  await add.getByRole("textbox", { name: "Title" }).fill(title);
  await add.getByRole("combobox", { name: "Category" }).selectOption({ label: "Support services" });
  await add.getByRole("textbox", { name: "Plain-language summary" }).fill("Short.");
  await add.getByRole("button", { name: "Add to the library" }).click();
  await expect(add.getByText("Summarise it in plain language, in a sentence or two.")).toBeVisible();
  await expect(add.getByRole("combobox", { name: "Category" })).toHaveValue("support-services");
  await add
    .getByRole("textbox", { name: "Plain-language summary" })
    .fill("Free groceries every Tuesday and Friday at the community center; no paperwork needed.");
  await add.getByRole("button", { name: "Add to the library" }).click();
  await expect(add.getByText("Added to the library.")).toBeVisible();
  await expect(advocate.getByRole("heading", { name: new RegExp(title) })).toBeVisible();

  const id = await patientIdFor(advocate, MRN);
  await advocate.goto(`/patients/${id}/advocacy`);
  const given = advocate.getByRole("region", { name: /^Education and resources given/ });
  await given.getByRole("combobox", { name: "Resource" }).selectOption({ label: `${title} (en)` });
  await given.getByRole("textbox", { name: "Note" }).fill("Explained in person.");
  await given.getByRole("button", { name: "Record as given" }).click();
  await expect(given.getByRole("listitem").filter({ hasText: title })).toContainText("Explained in person.");

  // Archived from the library, it stays in the patient's record.
  await advocate.goto("/resources");
  await advocate.getByRole("button", { name: `Archive “${title}”` }).click();
  await advocate.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(advocate.getByRole("heading", { name: new RegExp(title) })).toHaveCount(0);
  await advocate.goto(`/patients/${id}/advocacy`);
  await expect(advocate.getByRole("region", { name: /^Education and resources given/ })).toContainText(title);
});
