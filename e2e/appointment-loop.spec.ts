import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { OWN_MRN, orgDate, patientIdFor, storageFor } from "./support";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

/**
 * Issue 15, "the loop closed": Maria (in Spanish) asks to move a fasting test; the coordinator
 * moves it, rewrites its instructions on the same form and marks her request done with a note;
 * Maria, and her daughter, read what happened and why, and the new instructions.
 */
test("a request to move an appointment comes back to the patient with its outcome, in Spanish", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const title = `Análisis de sangre en ayunas ${stamp}`;
  // Far enough ahead to miss the seed's appointments; random so a retry does not clash with itself.
  const offset = 150 + Math.floor(Math.random() * 400);
  const day = orgDate(offset);
  const later = orgDate(offset + 2);
  const fasting = `No coma nada después de la medianoche (${stamp}).`;
  const instructions = `No necesita ayunar: es por la tarde. Beba agua como siempre (${stamp}).`;
  const why = `La pasamos al jueves a las 3:15 de la tarde, como pidió (${stamp}).`;

  // The coordinator books the test with its fasting instruction.
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const patientId = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto(`/patients/${patientId}/appointments`);
  const booking = coordinator.getByRole("region", { name: "Book an appointment" });
  await booking.getByRole("combobox", { name: "Kind" }).selectOption("test");
  await booking.getByLabel("Title").fill(title);
  await booking.getByLabel("Location").fill("Laboratorio, planta baja");
  await booking.getByLabel("Starts").fill(`${day}T08:00`);
  await booking.getByLabel("Ends").fill(`${day}T08:30`);
  await booking.getByLabel("Notes for the patient").fill(fasting);
  await booking.getByRole("button", { name: "Book" }).click();
  await expect(booking.getByText("Appointment booked.")).toBeVisible();
  const card = coordinator
    .getByRole("region", { name: /Upcoming/ })
    .getByRole("listitem")
    .filter({ hasText: title });
  const appointmentId = /^appointment-([0-9a-f-]{36})$/.exec((await card.getAttribute("id")) ?? "")?.[1];
  expect(appointmentId, "the card carries its id").toBeTruthy();

  // Maria, in Spanish, asks to move it.
  const maria = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
  await maria.goto("/me");
  const spanish = maria.getByRole("button", { name: "Español" });
  if (await spanish.count()) await spanish.click();
  await expect(maria.getByRole("button", { name: "English" })).toBeVisible();
  await maria.goto(`/me/appointments/${appointmentId}`);
  await expect(maria.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(maria.getByText(fasting)).toBeVisible();
  await maria.getByLabel("¿Qué le gustaría?").selectOption({ label: "Pasarla a otro momento" });
  await maria.getByLabel("¿Por qué?").fill(`Mi hija no puede llevarme por la mañana (${stamp}).`);
  await maria.getByRole("button", { name: "Enviar a mi coordinador" }).click();
  await expect(maria.getByText(/Su coordinador se está ocupando/)).toBeVisible();

  // The coordinator moves it, rewrites the instructions and marks the request done, in one save.
  await coordinator.reload();
  const requests = coordinator.getByRole("region", { name: /The patient asked for a change/ });
  await expect(requests.getByRole("listitem").filter({ hasText: title })).toHaveCount(1);
  await card.getByText(`Change “${title}”`).click();
  const move = card.locator("form").filter({ has: coordinator.getByRole("button", { name: "Move it" }) });
  await move.getByLabel("New start").fill(`${later}T15:15`);
  await move.getByLabel("New end").fill(`${later}T15:45`);
  await expect(move.getByLabel("Notes for the patient")).toHaveValue(fasting);
  await move.getByLabel("Notes for the patient").fill(instructions);
  await move.getByLabel("This answers the patient's request to move it").check();
  // Ticked without a note: refused, with the message on the note's field and the input kept.
  await move.getByRole("button", { name: "Move it" }).click();
  await expect(move.getByText("Say what you tell the patient")).toBeVisible();
  await expect(move.getByLabel("Notes for the patient")).toHaveValue(instructions);
  await move.getByLabel("What to tell the patient about their request").fill(why);
  await move.getByRole("button", { name: "Move it" }).click();
  await expect(card).toContainText("3:15");
  await expect(card).toContainText(`For the patient: ${instructions}`);
  await coordinator.reload();
  await expect(
    coordinator.getByRole("region", { name: /The patient asked for a change/ }).getByText(title),
  ).toHaveCount(0);

  // Maria reads what happened and why, in Spanish, with the new instructions and no fasting.
  await maria.goto(`/me/appointments/${appointmentId}`);
  const outcome = maria.getByRole("region", { name: "Qué pasó con la solicitud" });
  await expect(outcome).toContainText("Hecho: se hizo el cambio");
  await expect(outcome).toContainText("Pasarla a otro momento");
  await expect(outcome).toContainText("Nota del coordinador de atención");
  await expect(outcome).toContainText(why);
  await expect(maria.getByText(instructions)).toBeVisible();
  await expect(maria.getByText(fasting)).toHaveCount(0);
  await expect(maria.getByText(/Su coordinador se está ocupando/)).toHaveCount(0);
  await expectNoSeriousViolations(maria, "/me/appointments/[id] with an outcome (Español)");

  // On her timeline too, linked to the appointment.
  await maria.goto("/me?kind=appointmentChange");
  const item = maria.getByRole("article").filter({ hasText: why });
  await expect(item).toContainText("Solicitud sobre una cita");
  await expect(item).toContainText("Hecho: se hizo el cambio");
  await expect(item.getByRole("link", { name: title })).toHaveAttribute(
    "href",
    new RegExp(`^/me/appointments/${appointmentId}`),
  );
  await expectNoSeriousViolations(maria, "/me?kind=appointmentChange (Español)");

  // Her daughter, who holds the timeline scope, reads the same outcome and note as written.
  const lucia = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
  await lucia.goto(`/me/appointments/${appointmentId}?patient=${patientId}`);
  await expect(lucia.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(lucia.locator("#outcomes-heading")).toBeVisible();
  await expect(lucia.getByText(why)).toBeVisible();
});
