import { type Browser, expect, type Page, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

/** A small PNG (1×1), as a phone would send a photo: a PNG by its bytes. */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

async function pageAs(browser: Browser, account: "patient" | "family" | "coordinator", width?: number) {
  const context = await browser.newContext({
    storageState: storageFor(account),
    ...(width ? { viewport: { width, height: 740 } } : {}),
  });
  return context.newPage();
}

/** The portal in Spanish, as Maria reads it (her preferred language; the switch shows the other one). */
async function inSpanish(page: Page) {
  await page.goto("/me");
  const spanish = page.getByRole("button", { name: "Español" });
  if (await spanish.count()) await spanish.click();
  await expect(page.getByRole("heading", { name: "Hola, Maria" })).toBeVisible();
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("Maria asks in Spanish with a photo; the coordinator answers in Spanish; Maria reads and replies; her daughter sees it only with the messages scope", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const subject = `Ayuno antes del análisis ${stamp}`;
  const question = `¿Puedo tomar agua antes del análisis de sangre? ${stamp}`;
  const answer = `Sí, puede tomar agua. No coma nada después de medianoche. ${stamp}`;
  const answerInEnglish = `Yes, you may drink water. Do not eat after midnight. ${stamp}`;
  const note = `Staff note: check the lab's fasting rule first ${stamp}`;
  const thanks = `Gracias, así lo haré. ${stamp}`;

  // Maria, in Spanish, starts a conversation from her portal.
  const maria = await pageAs(browser, "patient");
  await inSpanish(maria);
  await maria.getByRole("link", { name: "Mensajes con el equipo de atención" }).click();
  await expect(
    maria.getByRole("heading", { level: 1, name: "Mensajes con el equipo de atención" }),
  ).toBeVisible();
  const start = maria.getByRole("region", { name: "Empezar una conversación" });
  await start.getByLabel("¿De qué se trata?").selectOption({ label: "Una cita" });
  await start.getByLabel("Asunto").fill(subject);
  await start.getByLabel("Su mensaje").fill(question);

  // A file that is not a photo by its bytes is refused, in Spanish, and nothing is sent.
  await start.getByLabel(/Adjuntar una foto/).setInputFiles({
    name: "foto.png",
    mimeType: "image/png",
    buffer: Buffer.from("MZ not a picture at all"),
  });
  await start.getByRole("button", { name: "Enviar" }).click();
  await expect(start.getByText("Adjunte un archivo PDF, JPEG o PNG.", { exact: false })).toBeVisible();
  await expect(start.getByLabel(/Adjuntar una foto/)).toHaveAttribute("aria-invalid", "true");
  await expect(maria.getByRole("link", { name: subject })).toHaveCount(0);

  // With the photo, it goes.
  await expect(start.getByLabel("Su mensaje")).toHaveValue(question);
  await start
    .getByLabel(/Adjuntar una foto/)
    .setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: PHOTO });
  await start.getByRole("button", { name: "Enviar" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(maria.getByText(/Su mensaje fue enviado/)).toBeVisible();
  await expect(maria.getByText(question)).toBeVisible();
  await expect(maria.getByRole("link", { name: /Descargar foto\.png/ })).toBeVisible();
  await expect(maria.getByText("El equipo de atención todavía no lo ha leído")).toBeVisible();
  const threadUrl = new URL(maria.url());
  const threadId = threadUrl.pathname.split("/").at(-1)!;

  // The coordinator finds it in the inbox, waiting for an answer, with her language.
  const coordinator = await pageAs(browser, "coordinator");
  const patientId = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto("/messages");
  const row = coordinator.getByRole("listitem").filter({ hasText: subject });
  await expect(row).toContainText("Awaiting an answer");
  await expect(row).toContainText("Prefers Spanish");
  await row.getByRole("link", { name: subject }).click();
  const thread = coordinator.locator(`#thread-${threadId}`);
  await thread.locator("summary").click();
  await expect(thread).toContainText(question);
  const download = thread.getByRole("link", { name: /Download foto\.png/ });
  // Read now: the page moves on to the opened thread below, and this link's address is used again at the end.
  const fileHref = (await download.getAttribute("href"))!;
  const file = await coordinator.request.get(fileHref);
  expect(file.status()).toBe(200);
  expect(file.headers()["cache-control"]).toBe("no-store");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename="foto\.png"/);
  expect(Buffer.compare(await file.body(), PHOTO)).toBe(0);

  // A staff note first (never shared), then the answer in Spanish: the language defaults to hers.
  await thread.getByRole("link", { name: "Reply, assign or close" }).click();
  await thread.getByLabel("Your reply").fill(note);
  await thread.getByRole("button", { name: "Reply" }).click();
  await expect(thread).toContainText("Staff note: not shown to the patient");
  await thread.getByLabel("Your reply").fill(answer);
  await expect(thread.getByLabel("Written in")).toHaveValue("es");
  // The same words in English beside, for her daughter, who reads English.
  await thread.getByLabel("The same message in English too (optional)").fill(answerInEnglish);
  await thread.getByLabel(/Share with the patient/).check();
  await thread.getByRole("button", { name: "Reply" }).click();
  await expect(thread.getByText(answer)).toBeVisible();
  await expect(thread.getByText(answerInEnglish)).toBeVisible();
  await expect(thread).toContainText("Shared with patient");

  // Maria reads the answer (and the team sees she has); the staff note is in neither the HTML nor the RSC payload.
  await maria.reload();
  await expect(maria.getByText(answer)).toBeVisible();
  await expect(maria.getByText("Leído por el equipo de atención")).toBeVisible();
  await expect(maria.getByText(note)).toHaveCount(0);
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const body = await (await maria.request.get(threadUrl.pathname, { headers })).text();
    expect(body).toContain(answer);
    expect(body).not.toContain(note);
    // She reads Spanish: the English version is not sent to her page.
    expect(body).not.toContain(answerInEnglish);
  }
  const reply = maria.getByRole("region", { name: "Responder" });
  await reply.getByLabel("Su respuesta").fill(thanks);
  await reply.getByRole("button", { name: "Responder" }).click();
  await expect(maria.getByText("Su respuesta fue enviada.")).toBeVisible();
  await expect(maria.getByText(thanks)).toBeVisible();

  await coordinator.reload();
  const again = coordinator.locator(`#thread-${threadId}`);
  await again.locator("summary").click();
  await expect(again).toContainText(thanks);
  await expect(again).toContainText("Read by Maria Alvarez (patient)");

  // Her daughter, who has the messages scope, sees the conversation, never the staff note.
  const daughter = await pageAs(browser, "family");
  await daughter.goto(`/me/messages?patient=${patientId}`);
  await daughter.getByRole("link", { name: subject }).click();
  // She reads English: the English the coordinator wrote beside the Spanish.
  await expect(daughter.getByText(answerInEnglish)).toBeVisible();
  await expect(daughter.getByText(answer)).toHaveCount(0);
  await expect(daughter.getByText(thanks)).toBeVisible();
  await expect(daughter.getByText(note)).toHaveCount(0);
  const photo = await daughter.request.get(
    (await daughter.locator("a[href^='/me/messages/attachments/']").first().getAttribute("href"))!,
  );
  expect(photo.status()).toBe(200);

  // Someone Maria shares her timeline with, but not messages, gets neither the list nor the thread nor the photo.
  await maria.getByRole("button", { name: "English" }).click();
  await expect(maria.getByRole("button", { name: "Español" })).toBeVisible();
  await maria.goto("/me/family");
  const invite = maria.getByRole("region", { name: "Invite someone" });
  const email = `nephew-${stamp}@example.org`;
  await invite.getByLabel("Their email").fill(email);
  await invite.getByLabel("How they are related to you").fill("nephew");
  const messagesScope = invite.getByRole("checkbox", { name: /messag|write to/i });
  if (await messagesScope.count()) await messagesScope.uncheck();
  await invite.getByRole("button", { name: "Create the invitation" }).click();
  const link = await invite.getByRole("textbox", { name: "Invitation link" }).inputValue();
  const nephew = await (await browser.newContext()).newPage();
  await nephew.goto(new URL(link).pathname);
  await nephew.getByLabel("Your name").fill("Leo Alvarez");
  await nephew.getByLabel("Choose a password").fill("a long family password 2026");
  await nephew.getByRole("button", { name: "Create my account" }).click();
  await expect(nephew.getByText("Your account is ready.")).toBeVisible();
  await nephew.goto("/login");
  await nephew.getByLabel("Email").fill(email);
  await nephew.getByLabel("Password").fill("a long family password 2026");
  await nephew.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(nephew.getByRole("heading", { name: "Maria Alvarez's care" })).toBeVisible();
  await expect(nephew.locator("a[href^='/me/messages']")).toHaveCount(0);
  for (const path of [
    "/me/messages",
    `/me/messages?patient=${patientId}`,
    `/me/messages/${threadId}`,
    `/me/messages/${threadId}?patient=${patientId}`,
    new URL(fileHref, "http://x").pathname.replace(
      `/patients/${patientId}/messages/attachments/`,
      "/me/messages/attachments/",
    ),
  ]) {
    const response = await nephew.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(question);
  }
  // The control: the daughter, with the scope, still opens the same thread.
  expect((await daughter.request.get(`/me/messages/${threadId}?patient=${patientId}`)).status()).toBe(200);
});

test("the conversation pages fit a 375-pixel phone", async ({ browser }) => {
  const page = await pageAs(browser, "patient", 375);
  await page.goto("/me/messages");
  const thread = await page.locator("main a[href^='/me/messages/']").first().getAttribute("href");
  for (const path of ["/me/messages", thread!]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
