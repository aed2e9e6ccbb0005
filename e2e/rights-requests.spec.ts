import { expect, test } from "@playwright/test";
import { orgDate, patientIdFor, storageFor } from "./support";

/** In advocate@'s caseload. */
const MRN = "CB-100067";

function isoDaysAhead(days: number): string {
  return orgDate(days);
}

test("an advocate records an amendment request, extends it once, denies it with its basis, and records the disagreement", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(page, MRN);
  await page.goto(`/patients/${id}/rights-requests`);
  const file = page.getByRole("region", { name: "Record a rights request" });
  await file
    .getByRole("combobox", { name: "Kind of request" })
    .selectOption({ label: "Amendment of records" });
  await file.getByLabel("Received on").fill(isoDaysAhead(2));
  await file
    .getByRole("textbox", { name: "What the patient asks for" })
    .fill(`Correct the note about physio (${stamp}).`);
  await file.getByRole("button", { name: "Record request" }).click();
  await expect(file.getByText("The received date cannot be in the future.")).toBeVisible();
  await expect(file.getByRole("combobox", { name: "Kind of request" })).toHaveValue("amendment");
  await file.getByLabel("Received on").fill(isoDaysAhead(0));
  await file.getByRole("button", { name: "Record request" }).click();
  await expect(file.getByText(/^Recorded\./)).toBeVisible();

  const card = page
    .locator("li[id^='request-']")
    .filter({ hasText: `Correct the note about physio (${stamp}).` });
  await expect(card).toContainText("Amendment of records");
  await card.getByText("Extend once, by 30 days").click();
  await card
    .getByRole("textbox", { name: "Reason given to the patient" })
    .fill("The surgeon's notes are at the off-site archive.");
  await card.getByRole("button", { name: "Extend" }).click();
  await expect(card).toContainText("(extended)");
  await expect(card.getByText("Extend once, by 30 days")).toHaveCount(0);
  await card.getByRole("link", { name: "Extension letter" }).click();
  await expect(page.getByRole("heading", { name: "We need more time to answer your request" })).toBeVisible();
  await expect(page.getByText("The surgeon's notes are at the off-site archive.")).toBeVisible();
  await page.getByRole("link", { name: "Back to the request" }).click();

  await card.getByText("Record the decision").click();
  await card.getByRole("combobox", { name: "Decision" }).selectOption({ label: "Denied" });
  await card
    .getByRole("combobox", { name: /^Reason/ })
    .selectOption({ label: "The record is accurate and complete (164.526(a)(2)(iv))" });
  await card
    .getByRole("textbox", { name: "Explanation for the patient" })
    .fill("The physiotherapist's note records the refusal in your words.");
  await card.getByRole("button", { name: "Record decision" }).click();
  await expect(card.getByRole("alert")).toContainText("statement of disagreement (164.526(d))");
  await expect(card).not.toContainText("Denied on");
  await card.getByRole("checkbox", { name: /may file a statement of disagreement/ }).check();
  await card.getByRole("button", { name: "Record decision" }).click();
  await expect(card).toContainText("Denied on");

  await card.getByRole("link", { name: "Decision letter" }).click();
  await expect(page.getByRole("heading", { name: "Our answer to your request" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "If you disagree" })).toBeVisible();
  await expect(
    page.getByText("The record is accurate and complete (45 CFR 164.526(a)(2)(iv))."),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "How to complain" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the request" }).click();

  await card.getByRole("button", { name: "Record response as sent" }).click();
  await expect(card).toContainText("Answered");
  await card.getByText("Record a statement of disagreement").click();
  await card
    .getByRole("textbox", { name: "The patient's statement" })
    .fill("I never refused physiotherapy; I asked to move it.");
  await card.getByRole("button", { name: "Record statement" }).click();
  await expect(card).toContainText("I never refused physiotherapy; I asked to move it.");

  // The advocate's call to the records office is logged against this request.
  await page.goto(`/patients/${id}/advocacy`);
  const log = page.getByRole("region", { name: "Log an interaction" });
  await log.getByRole("combobox", { name: "Spoke to" }).selectOption({ label: "Provider" });
  await log.getByRole("textbox", { name: "Organisation" }).fill(`Records office ${stamp}`);
  await log.getByRole("textbox", { name: "What was asked" }).fill("Attach the statement of disagreement.");
  const about = await log
    .getByRole("option", { name: /^Rights request: amendment of records/ })
    .first()
    .textContent();
  await log.getByRole("combobox", { name: "About" }).selectOption({ label: about! });
  await log.getByRole("button", { name: "Log it" }).click();
  await expect(log.getByText("Logged.")).toBeVisible();
  const entry = page.locator("li[id^='interaction-']").filter({ hasText: `Records office ${stamp}` });
  await entry.getByRole("link", { name: "The rights request this is about" }).click();
  await expect(page).toHaveURL(/\/rights-requests#request-/);

  await page.goto("/rights-requests");
  await expect(page.getByTestId("rights-overdue")).toBeVisible();
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Amendment of records" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/type=amendment/);
  await expect(page.getByRole("row").nth(1)).toContainText("Amendment of records");
});
