import { expect, test } from "@playwright/test";
import { patientIdFor, storageFor } from "./support";

/** In advocate@'s and coordinator@'s caseloads. */
const MRN = "CB-100004";

test("an advocate records what matters to the patient; the coordinator sees it where decisions are made", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  const id = await patientIdFor(advocate, MRN);
  await advocate.goto(`/patients/${id}/preferences`);
  const form = advocate.getByRole("region", { name: /^What matters to/ });
  await form
    .getByRole("textbox", { name: "Goals in their own words" })
    .fill(`Dance at my granddaughter's wedding (${stamp}).`);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText(/^Saved\./)).toBeVisible();
  const changes = advocate.getByRole("region", { name: "Who changed what" });
  await expect(changes.getByRole("listitem").first()).toContainText("Avery Patel");
  await expect(changes).toContainText(`Dance at my granddaughter's wedding (${stamp}).`);

  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  for (const path of [`/patients/${id}`, `/patients/${id}/care-plan`]) {
    await coordinator.goto(path);
    await expect(coordinator.getByRole("region", { name: /^What matters to/ })).toContainText(
      `Dance at my granddaughter's wedding (${stamp}).`,
    );
  }
  await coordinator.goto(`/patients/${id}/preferences`);
  await expect(coordinator.getByRole("button", { name: "Save" })).toHaveCount(0);
});
