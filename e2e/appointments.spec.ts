import { expect, type Page, test } from "@playwright/test";
import { OWN_MRN, orgDate, patientIdFor, storageFor } from "./support";

/**
 * A calendar date `days` ahead, for a datetime-local field (beyond the seeded appointments). A
 * random offset keeps a retry from clashing with what the first attempt booked.
 */
function dayAhead(days: number): string {
  days += Math.floor(Math.random() * 300);
  return orgDate(days);
}

async function openAppointments(page: Page): Promise<string> {
  const id = await patientIdFor(page, OWN_MRN);
  await page.goto(`/patients/${id}/appointments`);
  await expect(page.getByRole("heading", { name: "Book an appointment" })).toBeVisible();
  return id;
}

async function book(page: Page, title: string, day: string, from: string, to: string) {
  const form = page.getByRole("region", { name: "Book an appointment" });
  await form.getByRole("combobox", { name: "Kind" }).selectOption("test");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Location").fill("Imaging, 2nd floor");
  await form.getByLabel("Starts").fill(`${day}T${from}`);
  await form.getByLabel("Ends").fill(`${day}T${to}`);
  await form.getByRole("button", { name: "Book" }).click();
}

test.describe("scheduling as a coordinator", () => {
  test.use({ storageState: storageFor("coordinator") });

  test("book, see the clash, reschedule and cancel @smoke", async ({ page }) => {
    const stamp = Date.now().toString(36);
    const echoTitle = `Echocardiogram ${stamp}`;
    const stressTitle = `Stress test ${stamp}`;
    await openAppointments(page);
    const day = dayAhead(70);
    const booking = page.getByRole("region", { name: "Book an appointment" });

    // Bad input: nothing is written and the fields say why.
    await book(page, echoTitle, day, "10:00", "09:00");
    await expect(booking.getByText("The end must be after the start.")).toBeVisible();
    await expect(booking.getByLabel("Title")).toHaveValue(echoTitle);

    await booking.getByLabel("Ends").fill(`${day}T11:00`);
    await booking.getByRole("button", { name: "Book" }).click();
    await expect(booking.getByText("Appointment booked.")).toBeVisible();
    const upcoming = page.getByRole("region", { name: /Upcoming/ });
    await expect(upcoming.getByRole("heading", { name: new RegExp(echoTitle) })).toBeVisible();

    await book(page, stressTitle, day, "10:30", "11:30");
    await expect(
      booking.getByText("That time clashes with another appointment. Nothing was booked."),
    ).toBeVisible();
    await expect(booking.getByText(`The patient already has "${echoTitle}"`, { exact: false })).toBeVisible();
    await expect(booking.getByLabel("Title")).toHaveValue(stressTitle);
    await expect(upcoming.getByRole("heading", { name: new RegExp(stressTitle) })).toHaveCount(0);

    // Reschedule the echo an hour later, then the stress test fits where it was.
    const echo = upcoming.getByRole("listitem").filter({ hasText: echoTitle });
    await echo.getByText(`Change “${echoTitle}”`).click();
    await echo.getByLabel("New start").fill(`${day}T12:00`);
    await echo.getByLabel("New end").fill(`${day}T13:00`);
    await echo.getByRole("button", { name: "Move it" }).click();
    await expect(upcoming.getByRole("listitem").filter({ hasText: echoTitle })).toContainText("12:00");
    await book(page, stressTitle, day, "10:30", "11:30");
    await expect(booking.getByText("Appointment booked.")).toBeVisible();

    // Cancel the stress test, after confirming.
    const stress = upcoming.getByRole("listitem").filter({ hasText: stressTitle });
    await stress.getByText(`Change “${stressTitle}”`).click();
    await stress.getByLabel("Reason").fill("Patient asked to move it to next month");
    await stress.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel it" }).click();
    await expect(upcoming.getByRole("listitem").filter({ hasText: stressTitle })).toContainText(
      "Cancelled: Patient asked to move it to next month",
    );
  });

  test("a weekly series is booked all at once", async ({ page }) => {
    await openAppointments(page);
    const booking = page.getByRole("region", { name: "Book an appointment" });
    const day = dayAhead(100);
    await booking.getByRole("combobox", { name: "Kind" }).selectOption("treatment");
    const title = `Radiotherapy ${Date.now().toString(36)}`;
    await booking.getByLabel("Title").fill(title);
    await booking.getByLabel("Location").fill("Radiation oncology");
    await booking.getByLabel("Starts").fill(`${day}T15:00`);
    await booking.getByLabel("Ends").fill(`${day}T15:30`);
    await booking.getByRole("combobox", { name: "Repeat" }).selectOption("1");
    await booking.getByRole("combobox", { name: /Number of appointments/ }).selectOption("4");
    await booking.getByRole("button", { name: "Book" }).click();
    await expect(booking.getByText("4 appointments booked.")).toBeVisible();
    await expect(page.getByRole("heading", { name: new RegExp(title) })).toHaveCount(4);
  });
});

test("an advocate reads the appointments but cannot book or change them", async ({ browser }) => {
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(coordinator, OWN_MRN);
  const page = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await page.goto(`/patients/${id}/appointments`);
  await expect(page.getByRole("heading", { name: /Upcoming/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Book an appointment" })).toHaveCount(0);
  await expect(page.getByText(/^Change “/)).toHaveCount(0);
});
