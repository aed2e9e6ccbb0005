import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { type AccountKey, expectNoSeriousViolations, OWN_MRN, patientIdFor, storageFor } from "./support";

/**
 * Issue 18 end to end: Maria (the demo patient, who reads Spanish) screens herself for social
 * needs; her advocate refers the food need to the food bank and follows it until she says whether
 * it worked; she says a decision record does not say what she decided and her coordinator sees it
 * and resolves it; who decides for her is on the record for staff and in her portal; her daughter
 * reaches none of it.
 */

const FOOD_BANK = "Springfield Community Food Bank";
const DECISION_TOPIC = /^Rehabilitation after the hospital/;
const DECISION_WORDS = "Rehabilitation after the hospital";
const PORTAL_PAGES = ["/me/screening", "/me/referrals", "/me/directives", "/me/decisions"];

/** A signed-in page; the portal in one language (the cb-lang cookie the language switch sets), or a phone's width. */
async function pageAs(
  browser: Browser,
  account: AccountKey,
  options: { baseURL?: string; language?: "en" | "es"; width?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    storageState: storageFor(account),
    ...(options.width ? { viewport: { width: options.width, height: 740 } } : {}),
  });
  if (options.language)
    await context.addCookies([{ name: "cb-lang", value: options.language, url: options.baseURL! }]);
  return context.newPage();
}

/** Opens a folded form (a details element) by its summary line, unless it is open already. */
async function unfold(scope: Locator, summary: string) {
  const line = scope.locator("summary", { hasText: summary });
  const open = await line.locator("xpath=..").evaluate((d) => (d as HTMLDetailsElement).open);
  if (!open) await line.click();
}

/** Chooses an answer with the keyboard: focus on it, Space (a box already ticked is left as it is). */
async function choose(page: Page, option: Locator) {
  await option.focus();
  if (!(await option.isChecked())) await page.keyboard.press("Space");
  await expect(option).toBeChecked();
}

/** Presses a button with the keyboard. */
async function press(page: Page, button: Locator) {
  await button.focus();
  await page.keyboard.press("Enter");
}

/** The ten questions as Maria reads them, and her answers: food "sometimes true", nothing else. */
const SPANISH_ANSWERS: [question: string, answer: string][] = [
  ["¿Cuál es su situación de vivienda hoy?", "Tengo un lugar estable donde vivir"],
  ["Piense en el lugar donde vive.", "Ninguna de las anteriores"],
  ["le preocupó que la comida se acabara", "A veces es cierto"],
  ["la comida que compró no le alcanzó", "A veces es cierto"],
  ["la falta de transporte confiable", "No"],
  ["la compañía de electricidad, gas, petróleo o agua", "No"],
  ["le hace daño físico?", "Nunca"],
  ["le insulta o le habla con desprecio?", "Nunca"],
  ["le amenaza con hacerle daño?", "Nunca"],
  ["le grita o le dice malas palabras?", "Nunca"],
];

test.describe.configure({ timeout: 180_000 });

test("Maria screens herself in Spanish", async ({ browser, baseURL }) => {
  const maria = await pageAs(browser, "patient", { baseURL, language: "es" });
  await maria.goto("/me");
  await maria.getByRole("link", { name: "Preguntas sobre necesidades del día a día" }).click();
  await expect(
    maria.getByRole("heading", { level: 1, name: "Preguntas sobre necesidades del día a día" }),
  ).toBeVisible();
  // Her answers are hers: the page says family never see them.
  await expect(
    maria.getByText(/Los familiares con quienes comparte su atención nunca las ven\./),
  ).toBeVisible();
  // She answered once before (the seed): she starts again, unless a screening is already in progress.
  const start = maria.getByRole("button", {
    name: /^(Empezar las preguntas|Contestar las preguntas otra vez)$/,
  });
  if (await start.count()) await press(maria, start);
  const questions = maria.getByRole("list", { name: "Preguntas sobre necesidades del día a día" });
  await expect(questions).toBeVisible();
  const formFor = (question: string) =>
    maria.locator("form").filter({ has: maria.getByRole("group", { name: question }) });

  // Saving a question with nothing chosen is refused, in Spanish, on the question itself; nothing is saved.
  const first = formFor(SPANISH_ANSWERS[0]![0]);
  if ((await first.locator("input:checked").count()) === 0) {
    await press(maria, first.getByRole("button", { name: "Guardar", exact: true }));
    await expect(first.getByRole("group")).toHaveAccessibleDescription(
      /Elija una respuesta y luego guarde\./,
    );
    await expect(first.getByRole("status")).toContainText("Sin contestar");
    await expectNoSeriousViolations(maria, "/me/screening, the questions with an error (Español)");
  }

  // Each answer by the keyboard, saved as she goes: the question then says it is answered.
  for (const [question, answer] of SPANISH_ANSWERS) {
    const form = formFor(question);
    await choose(maria, form.getByLabel(answer, { exact: true }));
    await press(maria, form.getByRole("button", { name: "Guardar", exact: true }));
    const status = form.getByRole("status");
    await expect(status, question).toContainText("Guardado.");
    await expect(status, question).toContainText("✓ Contestada");
  }
  await expect(maria.getByRole("status").filter({ hasText: "preguntas contestadas" })).toHaveText(
    "10 de 10 preguntas contestadas.",
  );

  await press(maria, maria.getByRole("button", { name: "Terminar", exact: true }));
  // Finishing is for good: the page asks first.
  await press(maria, maria.getByRole("button", { name: "Sí, terminar", exact: true }));
  await expect(maria).toHaveURL(/\/me\/screening\?finished=/);
  await expect(maria.getByText("Gracias. Sus respuestas están guardadas.")).toBeVisible();
  await expect(
    maria.getByText(
      "Una persona de su equipo de atención se comunicará con usted sobre lo que nos contó y la ayuda disponible.",
    ),
  ).toBeVisible();
  // Never a domain or a score; and no safety answer, so no "where to get help now".
  await expect(maria.getByRole("heading", { name: "Si usted no se siente a salvo" })).toHaveCount(0);
  await expect(maria.getByRole("button", { name: "Contestar las preguntas otra vez" })).toBeVisible();

  // Her advocate finds the food need her screening opened.
  const advocate = await pageAs(browser, "advocate");
  const id = await patientIdFor(advocate, OWN_MRN);
  await advocate.goto(`/patients/${id}/needs`);
  const food = advocate.getByRole("article", { name: /^Food · Open$/ });
  await expect(food).toHaveCount(1);
  await expect(food).toContainText("Found by a screening");
});

test("the advocate refers Maria to the food bank and closes the loop", async ({ browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const ask = `Weekly groceries for one; she prefers Spanish on the phone (${stamp}).`;
  const outcome = `Enrolled for the Saturday pick-up (${stamp}).`;
  const advocate = await pageAs(browser, "advocate");
  const id = await patientIdFor(advocate, OWN_MRN);
  await advocate.goto(`/patients/${id}/needs`);

  // Her food need, unmet: the one her screening opened, or (when that did not run) one she told us about.
  const unmet = advocate.getByRole("article", { name: /^Food · (Open|Referred)$/ });
  if ((await unmet.count()) === 0) {
    const note = advocate.getByRole("region", { name: "Note a need" });
    await note.getByLabel("Need", { exact: true }).selectOption({ label: "Food" });
    await note
      .getByLabel("What the patient said", { exact: true })
      .fill(`The food runs out before the end of the month (${stamp}).`);
    await note.getByRole("button", { name: "Note the need" }).click();
    await expect(note.getByText("Noted. Refer it to a service from its card.")).toBeVisible();
  }
  await expect(unmet).toHaveCount(1);
  const food = advocate.locator(`#${await unmet.getAttribute("id")}`);

  // Referred to the food bank, which works in her language.
  if (await food.getByRole("heading", { name: /Open$/ }).count()) {
    await unfold(food, "Refer to a service for food");
    const service = food.getByLabel("Service (the patient's language: Spanish)");
    const option = service.locator("option", { hasText: FOOD_BANK });
    await expect(option).toContainText("works in Spanish");
    await service.selectOption((await option.getAttribute("value"))!);
    await expect(food.getByLabel("The service should answer by")).not.toHaveValue("");
    await food.getByLabel("What you are asking of them").fill(ask);
    await food.getByRole("button", { name: "Send the referral" }).click();
    await expect(food.getByText(/^Referral sent\./)).toBeVisible();
  }
  await expect(food.getByRole("heading", { level: 3 })).toHaveText(/^Food · Referred$/);
  const open = food
    .locator("li[id^='referral-']")
    .filter({ hasText: FOOD_BANK })
    .filter({ hasText: /Sent: waiting for the service to answer|Accepted by the service/ })
    .first();
  const referralId = await open.getAttribute("id");
  const referral = advocate.locator(`#${referralId}`);

  // The service accepts, with the day it will help by; then it has helped, with what it did.
  if (await referral.getByText("Sent: waiting for the service to answer").count()) {
    await unfold(referral, "Record what the service did");
    await expect(referral.getByLabel("Help to be given by")).not.toHaveValue("");
    await referral.getByRole("button", { name: "The service accepted" }).click();
    await expect(referral.getByText("Accepted by the service", { exact: true })).toBeVisible();
  }
  await unfold(referral, "Record what the service did");
  await referral.getByLabel("Outcome (help was given)").fill(outcome);
  await referral.getByRole("button", { name: "Help was given" }).click();
  // Ending a referral is for good: the page asks first.
  await advocate.getByRole("button", { name: "Yes, help was given" }).click();
  await expect(referral.getByText("Completed: help given", { exact: true })).toBeVisible();
  await expect(referral).toContainText(outcome);
  // The loop is closed: the need is met (the control for what Maria says next).
  await expect(food.getByRole("heading", { level: 3 })).toHaveText(/^Food · Met$/);
  await expect(food).toContainText(/Met .*: a referral was completed\./);

  // Maria follows it in Spanish: the service, how to reach it, that it helped; never the staff's words.
  const maria = await pageAs(browser, "patient", { baseURL, language: "es" });
  await maria.goto("/me/referrals");
  await expect(maria.getByRole("heading", { level: 1, name: "Mis necesidades y referidos" })).toBeVisible();
  const comida = maria.getByRole("region", { name: "Comida", exact: true });
  await expect(comida).toContainText("Recibió ayuda.");
  const hers = maria.locator(`#${referralId}`);
  await expect(hers.getByRole("heading", { name: FOOD_BANK })).toBeVisible();
  await expect(hers).toContainText("El servicio dice que ya le ayudó.");
  await expect(hers).toContainText("Cómo comunicarse con ellos");
  await expect(hers.getByRole("link", { name: "(217) 555-0100" })).toBeVisible();
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const body = await (await maria.request.get("/me/referrals", { headers })).text();
    expect(body).toContain(FOOD_BANK);
    expect(body).not.toContain(ask);
    expect(body).not.toContain(outcome);
  }

  // She says it did not work, and confirms.
  await hers.getByRole("button", { name: "Esto no funcionó" }).click();
  const didNotWork = maria.getByRole("dialog", { name: "¿Quiere decirnos que esto no funcionó?" });
  await expect(didNotWork).toBeVisible();
  await didNotWork.getByRole("button", { name: "Sí, no funcionó" }).click();
  await expect(hers).toContainText(/Nos dijo el .+ que esto no funcionó\./);
  await expect(hers.getByRole("button", { name: "Esto no funcionó" })).toHaveCount(0);
  await expect(comida).toContainText("Su equipo de atención está buscando ayuda para usted.");

  // Her advocate sees the need open again, with her word on the referral.
  await advocate.reload();
  await expect(food.getByRole("heading", { level: 3 })).toHaveText(/^Food · Open$/);
  await expect(referral).toContainText("The patient said it did not work");
  await expect(food.getByText(/^Refer to a service for food$/)).toBeVisible();

  // She changes her mind: she got help after all. The need is met again, on her word.
  await hers.getByRole("button", { name: "Recibí ayuda" }).click();
  const gotHelp = maria.getByRole("dialog", { name: "¿Recibió la ayuda que necesitaba?" });
  await gotHelp.getByRole("button", { name: "Sí, recibí ayuda" }).click();
  await expect(hers).toContainText(/Nos dijo el .+ que recibió ayuda\./);
  await expect(comida).toContainText("Recibió ayuda.");
  await advocate.reload();
  await expect(food.getByRole("heading", { level: 3 })).toHaveText(/^Food · Met$/);
  await expect(food).toContainText(/Met .*: the patient said they got help\./);
  await expect(referral).toContainText("The patient said they got help");
});

test("the coordinator sees a disputed decision on the care plan", async ({ browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const comment = `Decidí hacer la rehabilitación en casa; el registro no lo dice bien (${stamp}).`;
  const maria = await pageAs(browser, "patient", { baseURL, language: "es" });
  await maria.goto("/me/decisions");
  await expect(maria.getByRole("heading", { level: 1, name: "Mis decisiones de tratamiento" })).toBeVisible();
  const record = maria.getByRole("listitem", { name: DECISION_TOPIC });
  const question = record.getByRole("region", { name: "¿Dice esto lo que usted decidió?" });
  await expect(question).toBeVisible();
  await expect(record).toContainText("Quiero hacer la rehabilitación en casa, con Lucia a mi lado");

  // "No" asks what is not right: sent empty, it is refused on the field, in Spanish.
  const what = question.getByLabel("¿Qué no está bien?");
  await question.getByRole("button", { name: "No, no lo dice" }).click();
  await expect(what).toHaveAttribute("aria-invalid", "true");
  await expect(what).toHaveAccessibleDescription(/Díganos qué no está bien, en pocas palabras\./);
  await expect(record.getByText("Usted dijo que esto no dice lo que decidió.", { exact: false })).toHaveCount(
    0,
  );
  await what.fill(comment);
  await question.getByRole("button", { name: "No, no lo dice" }).click();
  await expect(record).toContainText(
    "Usted dijo que esto no dice lo que decidió. Su coordinador de atención hablará con usted.",
  );
  await expect(record).toContainText(`Lo que nos dijo: “${comment}”`);
  await expect(question).toHaveCount(0);

  // Her coordinator sees it above her care plan, in her words, and on "My work".
  const coordinator = await pageAs(browser, "coordinator");
  const id = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto(`/patients/${id}/care-plan`);
  const flaggedHeading = coordinator.getByRole("heading", { name: /decision records? (is|are) flagged/ });
  const alert = coordinator.getByRole("status").filter({ has: flaggedHeading });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("link", { name: DECISION_TOPIC })).toBeVisible();
  await expect(alert).toContainText(`The patient says it does not say what they decided: “${comment}”`);
  await coordinator.goto("/my-work");
  const work = coordinator.locator("tr[data-kind='decision']").filter({ hasText: DECISION_WORDS });
  await expect(work).toHaveCount(1);
  await expect(work).toContainText("Maria Alvarez");
  await expect(work).toContainText("The patient says it does not say what they decided");
  await expect(work).toContainText("Flagged decision record");

  // She resolves it on the decisions page.
  await work.getByRole("link", { name: DECISION_TOPIC }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/patients/${id}/decisions#decision-`));
  const staffRecord = coordinator
    .getByRole("listitem")
    .filter({ has: coordinator.getByRole("heading", { level: 3, name: DECISION_TOPIC }) });
  await expect(staffRecord).toContainText("Flagged: not resolved");
  await expect(staffRecord).toContainText(comment);
  await unfold(staffRecord, "Resolve the flag");
  await staffRecord
    .getByLabel("How it was resolved")
    .fill(`Called Maria with Lucia; the record will say rehabilitation at home (${stamp}).`);
  await staffRecord.getByRole("button", { name: "Resolve", exact: true }).click();
  // Resolving takes it off the care plan and asks her again: the page asks first.
  await coordinator.getByRole("button", { name: "Resolve it", exact: true }).click();
  await expect(staffRecord).toContainText(`rehabilitation at home (${stamp})`);
  await expect(staffRecord.getByText("Flagged: not resolved")).toHaveCount(0);

  // The alert is gone from the care plan and the item from "My work"; the portal asks her again.
  await coordinator.goto(`/patients/${id}/care-plan`);
  await expect(coordinator.getByRole("heading", { level: 1, name: /Alvarez, Maria/ })).toBeVisible();
  await expect(flaggedHeading).toHaveCount(0);
  await expect(coordinator.getByText(comment)).toHaveCount(0);
  await coordinator.goto("/my-work");
  await expect(coordinator.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  await expect(work).toHaveCount(0);
  await maria.reload();
  await expect(question).toBeVisible();
});

test("family never reach screening, referrals, who decides or decisions @smoke", async ({ browser }) => {
  const coordinator = await pageAs(browser, "coordinator");
  const id = await patientIdFor(coordinator, OWN_MRN);
  const family = await pageAs(browser, "family");
  const patient = await pageAs(browser, "patient");
  for (const path of PORTAL_PAGES) {
    for (const asked of [path, `${path}?patient=${id}`]) {
      const refused = await family.request.get(asked);
      expect(refused.status(), `family ${asked}`).toBe(404);
      expect(await refused.text(), `family ${asked}`).not.toContain(OWN_MRN);
    }
    // The control: the same page, for Maria herself.
    expect((await patient.request.get(path)).status(), `patient ${path}`).toBe(200);
  }
  // Her daughter's home offers none of them; Maria's offers all four.
  await family.goto("/me");
  await expect(family.getByRole("heading", { name: "Maria Alvarez's care" })).toBeVisible();
  await patient.goto("/me");
  await expect(patient.getByRole("heading", { level: 1 })).toBeVisible();
  for (const path of PORTAL_PAGES) {
    await expect(family.locator(`a[href^='${path}']`), `family link to ${path}`).toHaveCount(0);
    await expect(patient.locator(`main a[href='${path}']`).first(), `patient link to ${path}`).toBeVisible();
  }
});

test("who decides is on the record for staff and in the portal", async ({ browser, baseURL }) => {
  const coordinator = await pageAs(browser, "coordinator");
  const id = await patientIdFor(coordinator, OWN_MRN);
  for (const path of [`/patients/${id}`, `/patients/${id}/appointments`]) {
    await coordinator.goto(path);
    const banner = coordinator.getByRole("complementary", { name: "Who decides when she cannot" });
    await expect(banner, path).toContainText("Agent: Lucia Alvarez (Daughter)");
    await expect(banner, path).toContainText("Code status wish: No CPR");
    await expect(
      banner.getByRole("link", { name: "Agent, alternates, documents and her words" }),
    ).toHaveAttribute("href", `/patients/${id}/directives`);
  }

  // The scanned health care proxy, downloaded from her record as a PDF.
  await coordinator.goto(`/patients/${id}/directives`);
  const link = coordinator.getByRole("link", { name: /^Download health-care-proxy\.pdf/ });
  const [download] = await Promise.all([coordinator.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("health-care-proxy.pdf");
  const file = await coordinator.request.get((await link.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["cache-control"]).toBe("no-store");
  expect((await file.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // Maria reads the same, in Spanish, and may download her own copy.
  const maria = await pageAs(browser, "patient", { baseURL, language: "es" });
  await maria.goto("/me");
  await maria.getByRole("link", { name: "Quién decide por mí" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: "Quién decide por mí" })).toBeVisible();
  await expect(maria.locator("main").locator("xpath=ancestor::*[@lang][1]")).toHaveAttribute("lang", "es");
  const agent = maria.getByRole("region", { name: "Mi representante para decisiones de salud" });
  await expect(
    agent.getByRole("heading", { name: "Mi representante para decisiones de salud: Lucia Alvarez" }),
  ).toBeVisible();
  await expect(agent).toContainText("Suplente 1: Mateo Alvarez");
  const wishes = maria.getByRole("region", { name: "Si mi corazón o mi respiración se detienen" });
  await expect(wishes).toContainText("Sin RCP");
  await expect(wishes).toContainText("Si mi corazón se detiene, no quiero que me reanimen.");
  const documents = maria.getByRole("region", { name: "Mis documentos" });
  await expect(documents).toContainText("Poder para decisiones de salud");
  const copy = documents.getByRole("link", { name: /^Descargar la copia: health-care-proxy\.pdf/ });
  const own = await maria.request.get((await copy.getAttribute("href"))!);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/pdf");
});

test("the new portal pages fit a 375-pixel phone", async ({ browser }) => {
  const page = await pageAs(browser, "patient", { width: 375 });
  for (const path of PORTAL_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
