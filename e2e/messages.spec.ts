import { expect, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

test("a coordinator posts, the advocate sees it unread, reads it, and replies shared with the patient", async ({
  browser,
}) => {
  const subject = `Discharge plan ${Date.now().toString(36)}`;
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto(`/patients/${id}/messages`);
  const start = coordinator.getByRole("region", { name: "Start a thread" });
  await start.getByRole("button", { name: "Post" }).click();
  await expect(start.getByText("Give the thread a subject.")).toBeVisible();
  await start.getByLabel("Subject").fill(subject);
  await start.getByLabel("Message", { exact: true }).fill("Transport is booked for Friday at 10:00.");
  await start.getByRole("button", { name: "Post" }).click();
  await expect(start.getByText("Thread started.")).toBeVisible();

  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await advocate.goto("/dashboard");
  const badge = advocate
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Messages \d+ unread/ });
  await expect(badge).toBeVisible();
  await advocate.goto("/messages");
  await advocate.getByRole("link", { name: subject }).click();
  const thread = advocate.locator("details").filter({ hasText: subject });
  await expect(thread).toContainText("1 unread");
  await thread.locator("summary").click();
  await expect(thread).toContainText("Transport is booked for Friday at 10:00.");
  await expect(thread).not.toContainText("1 unread");

  // The forms are the open thread's: its link opens it by its address.
  await thread.getByRole("link", { name: "Reply" }).click();
  await thread.getByLabel("Your reply").fill("Her daughter will meet the driver.");
  await thread.getByLabel(/Share with the patient/).check();
  await thread.getByRole("button", { name: "Reply" }).click();
  await expect(advocate.locator("details").filter({ hasText: subject })).toContainText("Shared with patient");

  await coordinator.goto("/messages");
  await expect(coordinator.getByRole("listitem").filter({ hasText: subject })).toContainText("1 unread");
});
