import { expect, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

test("a coordinator drafts, publishes and corrects an update; the patient sees only what was published", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const title = `Week ${stamp} at home`;
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto(`/patients/${id}/updates`);
  const write = coordinator.getByRole("region", { name: "Write an update" });
  await write.getByLabel("Title", { exact: true }).fill(title);
  await write.getByRole("button", { name: "Save draft" }).click();
  await expect(write.getByText("Say how things are going, in plain words.")).toBeVisible();
  await expect(write.getByLabel("Title", { exact: true })).toHaveValue(title);
  await write
    .getByLabel("How things are going", { exact: true })
    .fill("You are walking further every day and sleeping better.");
  await write.getByLabel("Next steps", { exact: true }).fill(`Physio on Tuesday at 10:00 (${stamp}).`);
  await write.getByRole("button", { name: "Save draft" }).click();
  await expect(write.getByText(/Draft saved/)).toBeVisible();

  // The patient reads updates on her timeline; the staff page is a 404 for her.
  const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
  expect((await patient.goto(`/patients/${id}/updates`))?.status()).toBe(404);
  await patient.goto("/me?kind=update");
  await expect(patient.locator("article[id^='item-']").first()).toBeVisible();
  await expect(patient.getByRole("heading", { name: title })).toHaveCount(0);

  // Two coordinators edit the same draft: the second, stale save is refused and keeps its text.
  const draft = coordinator
    .getByRole("listitem")
    .filter({ has: coordinator.getByRole("heading", { name: title }) });
  const colleague = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await colleague.goto(`/patients/${id}/updates`);
  const theirDraft = colleague
    .getByRole("listitem")
    .filter({ has: colleague.getByRole("heading", { name: title }) });
  await draft.getByLabel("Next steps", { exact: true }).fill(`Physio on Wednesday at 10:00 (${stamp}).`);
  await draft.getByRole("button", { name: "Save draft" }).click();
  await expect(draft.getByText("Draft saved.")).toBeVisible();
  await theirDraft.getByLabel("Resources").fill("Meals on Wheels: (413) 555-0199");
  await theirDraft.getByRole("button", { name: "Save draft" }).click();
  await expect(theirDraft.getByText(/changed this record while you were editing/)).toBeVisible();
  await expect(theirDraft.getByLabel("Resources")).toHaveValue("Meals on Wheels: (413) 555-0199");

  await coordinator.reload();
  await draft.getByRole("button", { name: "Publish to patient and family" }).click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(draft).toContainText("Published");

  await patient.reload();
  await expect(patient.getByRole("heading", { name: title })).toBeVisible();
  await expect(patient.getByText(`Physio on Wednesday at 10:00 (${stamp}).`)).toBeVisible();
  await expect(patient.getByRole("region", { name: "Write an update" })).toHaveCount(0);

  await draft.getByText("Write a correction").click();
  await draft.getByLabel("Next steps", { exact: true }).fill(`Physio moved to Thursday at 11:00 (${stamp}).`);
  await draft.getByRole("button", { name: "Save correction as a draft" }).click();
  const correction = coordinator
    .getByRole("listitem")
    .filter({ has: coordinator.getByRole("heading", { name: `Correction: ${title}` }) });
  await correction.getByRole("button", { name: "Publish to patient and family" }).click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(correction).toContainText("Published");
  await expect(correction).toContainText(`corrects “${title}”`);
  await patient.reload();
  await expect(patient.getByText(`Physio moved to Thursday at 11:00 (${stamp}).`)).toBeVisible();
});
