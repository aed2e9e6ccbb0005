import { expect, test } from "@playwright/test";
import { OWN_MRN, orgDate, patientIdFor, storageFor } from "./support";

/** In advocate@'s caseload, with no seeded concerns. */
const FLOW_MRN = "CB-100061";

function isoDaysAhead(days: number): string {
  return orgDate(days);
}

test("an advocate takes a concern from intake to a written response, with an interim notice on the way @smoke", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(page, FLOW_MRN);
  await page.goto(`/patients/${id}/concerns`);
  const intake = page.getByRole("region", { name: "Record a concern" });
  await intake
    .getByRole("combobox", { name: "Raised by" })
    .selectOption({ label: "A family member or caregiver" });
  await intake.getByRole("textbox", { name: "Their name" }).fill("Ana Reyes, daughter");
  await intake.getByRole("combobox", { name: "Category" }).selectOption({ label: "Quality of care" });
  await intake.getByRole("combobox", { name: "Severity" }).selectOption({ label: "High" });
  await intake
    .getByRole("textbox", { name: "What happened" })
    .fill(`Sent home still dizzy; fell at home (${stamp}).`);
  await intake.getByLabel("Date of the event").fill(isoDaysAhead(3));
  await intake.getByRole("button", { name: "Record concern" }).click();
  await expect(intake.getByText("Say what the patient wants to happen.")).toBeVisible();
  await expect(intake.getByText("The event cannot be in the future.")).toBeVisible();
  await expect(intake.getByRole("textbox", { name: "What happened" })).toHaveValue(
    `Sent home still dizzy; fell at home (${stamp}).`,
  );
  // Every choice survives the refusal, the lists too.
  await expect(intake.getByRole("combobox", { name: "Raised by" })).toHaveValue("family");
  await expect(intake.getByRole("combobox", { name: "Severity" })).toHaveValue("high");
  await intake
    .getByRole("textbox", { name: "What the patient wants as an outcome" })
    .fill("A review of the discharge.");
  await intake.getByLabel("Date of the event").fill(isoDaysAhead(-2));
  await intake.getByRole("button", { name: "Record concern" }).click();

  await expect(page.getByRole("heading", { name: "Quality of care: Open" })).toBeVisible();
  await expect(page.getByText("A family member or caregiver: Ana Reyes, daughter")).toBeVisible();
  await expect(page.getByText(/Acknowledge by/)).toBeVisible();
  await page.getByRole("textbox", { name: "Note (acknowledged)" }).fill("Called Ana back the same day.");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("heading", { name: "Quality of care: Acknowledged" })).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Open → Acknowledged · Avery Patel");
  await expect(history).toContainText("Called Ana back the same day.");

  // Resolving without every part of the response is refused, and nothing moves.
  const resolve = page.getByRole("region", { name: "Resolve with a written response" });
  await resolve
    .getByRole("textbox", { name: "Steps taken to investigate", exact: true })
    .fill("Read the discharge notes.");
  await resolve.getByRole("button", { name: "Resolve and record the response" }).click();
  await expect(
    resolve.getByText("Name the contact person and how the patient can reach them."),
  ).toBeVisible();
  await expect(resolve.getByText("State the results of the investigation.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Quality of care: Acknowledged" })).toBeVisible();

  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByRole("heading", { name: "Quality of care: In review" })).toBeVisible();
  const interim = page.getByRole("region", { name: "Send an interim notice" });
  await interim
    .getByRole("textbox", { name: "What is being done" })
    .fill("We are waiting for the ward's notes.");
  await interim.getByRole("button", { name: "Record interim notice" }).click();
  await expect(page.getByRole("link", { name: "Print the interim notice" })).toBeVisible();
  await page.getByRole("link", { name: "Print the interim notice" }).click();
  await expect(page.getByText("We will write to you with our response by")).toBeVisible();
  await page.goBack();

  await page.getByRole("button", { name: "Escalate" }).click();
  await expect(page.getByRole("heading", { name: "Quality of care: Escalated" })).toBeVisible();
  const qio = page.getByRole("region", { name: "Refer to the Quality Improvement Organization" });
  await qio.getByRole("button", { name: "Record referral" }).click();
  // Wait for the save itself (the form's own "Referred on" label is not the sign).
  await expect(qio).toHaveCount(0);
  await expect(page.getByRole("definition").filter({ hasText: /^Referred / })).toBeVisible();

  const response = page.getByRole("region", { name: "Resolve with a written response" });
  await response
    .getByRole("textbox", { name: "Contact person" })
    .fill("Avery Patel, patient advocate, (413) 555-0120");
  await response.getByRole("combobox", { name: "Written in" }).selectOption("en");
  await response
    .getByRole("textbox", { name: "Steps taken to investigate", exact: true })
    .fill(`Reviewed the discharge notes and spoke with the ward manager (${stamp}).`);
  await response
    .getByRole("textbox", { name: "Results", exact: true })
    .fill("The discharge checklist was skipped. Every discharge now needs a nurse's sign-off.");
  await response.getByRole("button", { name: "Resolve and record the response" }).click();
  await expect(page.getByRole("heading", { name: "Quality of care: Resolved" })).toBeVisible();
  await page.getByRole("link", { name: "Print the response letter" }).click();
  await expect(page.getByRole("heading", { name: "Our response to your concern" })).toBeVisible();
  await expect(
    page.getByText(`Reviewed the discharge notes and spoke with the ward manager (${stamp}).`),
  ).toBeVisible();
  await expect(page.getByText("Avery Patel, patient advocate, (413) 555-0120")).toBeVisible();
  await expect(page.getByText(/referred to the Quality Improvement Organization/)).toBeVisible();
  await page.goBack();

  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Close concern" }).click();
  await expect(page.getByRole("heading", { name: "Quality of care: Closed" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Move it on" })).toHaveCount(0);
});

test("a confidential concern is invisible to the coordinator; the worklist sorts, marks and filters", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(advocate, OWN_MRN);
  await advocate.goto(`/patients/${id}/concerns`);
  const intake = advocate.getByRole("region", { name: "Record a concern" });
  await intake
    .getByRole("combobox", { name: "Category" })
    .selectOption({ label: "Respect and discrimination" });
  await intake.getByRole("textbox", { name: "What happened" }).fill(`A remark by a coordinator (${stamp}).`);
  await intake.getByRole("textbox", { name: "What the patient wants as an outcome" }).fill("To be heard.");
  await intake.getByRole("checkbox", { name: /^Confidential/ }).check();
  await intake.getByRole("button", { name: "Record concern" }).click();
  await expect(advocate.getByRole("heading", { name: /Respect and discrimination: Open/ })).toBeVisible();
  const url = advocate.url();

  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await coordinator.goto(`/patients/${id}/concerns`);
  await expect(coordinator.getByRole("heading", { name: /^Concerns and grievances/ })).toBeVisible();
  await expect(coordinator.getByText(`A remark by a coordinator (${stamp}).`)).toHaveCount(0);
  await expect(coordinator.getByRole("region", { name: "Record a concern" })).toHaveCount(0);
  const direct = await coordinator.goto(url);
  expect(direct?.status()).toBe(404);

  await advocate.goto("/concerns");
  const rows = advocate.getByRole("row");
  await expect(rows.filter({ hasText: "Overdue" }).first()).toBeVisible();
  await expect(advocate.getByText(/^Page 1 of/)).toBeVisible();
  await advocate.getByRole("combobox", { name: "Severity" }).selectOption({ label: "Urgent" });
  await advocate.getByRole("button", { name: "Filter" }).click();
  await expect(advocate).toHaveURL(/severity=urgent/);
  await expect(advocate.locator("tbody tr td:nth-child(4)").first()).toHaveText("Urgent");
  const severities = await advocate.locator("tbody tr td:nth-child(4)").allTextContents();
  expect(severities.length).toBeGreaterThan(0);
  expect(new Set(severities)).toEqual(new Set(["Urgent"]));
});
