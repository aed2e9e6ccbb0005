import { expect, test } from "@playwright/test";
import { patientIdFor, storageFor } from "./support";

/** In advocate@'s caseload, with no disclosures or accountings seeded. */
const MRN = "CB-100064";

test("staff keep the disclosure log, void an entry made in error, and the advocate gives the patient an accounting", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(page, MRN);
  await page.goto(`/patients/${id}/disclosures`);
  const record = page.getByRole("region", { name: "Record a disclosure" });
  await record.getByRole("textbox", { name: "Disclosed to" }).fill(`County Health Department ${stamp}`);
  await record.getByRole("textbox", { name: "What was disclosed" }).fill("Tuberculosis test result.");
  await record.getByRole("button", { name: "Record disclosure" }).click();
  await expect(
    record.getByText("Say briefly why it was disclosed, or which written request it answered."),
  ).toBeVisible();
  await expect(record.getByRole("textbox", { name: "Disclosed to" })).toHaveValue(
    `County Health Department ${stamp}`,
  );
  await record.getByRole("textbox", { name: "Why" }).fill("Reporting required by state law.");
  await record.getByRole("button", { name: "Record disclosure" }).click();
  await expect(record.getByText("Recorded in the disclosure log.")).toBeVisible();

  await record.getByRole("textbox", { name: "Disclosed to" }).fill(`Wrong insurer ${stamp}`);
  await record.getByRole("textbox", { name: "What was disclosed" }).fill("Claims history.");
  await record.getByRole("textbox", { name: "Why" }).fill("Entered against the wrong patient.");
  await record.getByRole("button", { name: "Record disclosure" }).click();
  await expect(record.getByText("Recorded in the disclosure log.")).toBeVisible();
  const wrong = page.locator("li[id^='disclosure-']").filter({ hasText: `Wrong insurer ${stamp}` });
  await wrong.getByText("Void: made in error").click();
  await wrong.getByRole("textbox", { name: "Why it was made in error" }).fill("Belongs to another patient.");
  await wrong.getByRole("button", { name: "Void this entry" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Void it" }).click();
  await expect(wrong).toContainText("Voided");
  await expect(wrong).toContainText("Belongs to another patient.");

  const produce = page.getByRole("region", { name: "Produce an accounting" });
  await expect(produce).toContainText("it is free");
  await produce.getByRole("button", { name: "Produce accounting" }).click();
  await expect(page.getByRole("heading", { name: "Accounting of disclosures" })).toBeVisible();
  await expect(page.getByText("This accounting is free")).toBeVisible();
  const table = page.getByRole("table", { name: "Disclosures of your health information" });
  await expect(table).toContainText(`County Health Department ${stamp}`);
  await expect(table).not.toContainText(`Wrong insurer ${stamp}`);

  await page.getByRole("link", { name: "Back to the disclosure log" }).click();
  await expect(produce).toContainText("a reasonable, cost-based fee may apply");
  await produce.getByRole("button", { name: "Produce accounting" }).click();
  await expect(page.getByText(/a reasonable, cost-based fee may apply/)).toBeVisible();

  // The coordinator reads the log and records disclosures too, but the accounting is the advocate's.
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const coordinatorId = await patientIdFor(coordinator, "CB-100001");
  await coordinator.goto(`/patients/${coordinatorId}/disclosures`);
  await expect(coordinator.getByRole("region", { name: "Record a disclosure" })).toBeVisible();
  await expect(coordinator.getByRole("region", { name: "Produce an accounting" })).toHaveCount(0);
  await expect(coordinator.getByRole("link", { name: /^Accounting of / }).first()).toBeVisible();
});
