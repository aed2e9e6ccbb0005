import { expect, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

test.describe.configure({ timeout: 120_000 });

test("the coordinator opens My work, sees a conversation waiting for an answer, and clicks through to it", async ({
  browser,
}) => {
  const subject = `Transporte para la cita ${Date.now().toString(36)}`;

  // Maria starts a conversation from her portal: it waits on the team, with an answer due.
  const maria = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
  await maria.goto("/me");
  const spanish = maria.getByRole("button", { name: "Español" });
  if (await spanish.count()) await spanish.click();
  await maria.getByRole("link", { name: "Mensajes con el equipo de atención" }).click();
  const start = maria.getByRole("region", { name: "Empezar una conversación" });
  await start.getByLabel("¿De qué se trata?").selectOption({ label: "Una cita" });
  await start.getByLabel("Asunto").fill(subject);
  await start.getByLabel("Su mensaje").fill("¿Me pueden ayudar con el transporte?");
  await start.getByRole("button", { name: "Enviar" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const threadId = new URL(maria.url()).pathname.split("/").at(-1)!;

  // The coordinator's "My work", from the navigation.
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const patientId = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto("/dashboard");
  await coordinator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  const row = coordinator.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("the patient is waiting for an answer");
  await expect(row).toContainText("Conversation");

  // One click opens the conversation on the patient's messages page.
  await row.getByRole("link", { name: subject }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/patients/${patientId}/messages#thread-${threadId}$`));
  await expect(coordinator.locator(`#thread-${threadId}`)).toContainText(subject);
});
