import { expect, type Page, test } from "@playwright/test";
import { OWN_MRN, orgDate, patientIdFor, storageFor } from "./support";

/** Patients in coordinator@'s caseload: two with no seeded plan, one with an active seeded plan. */
const BUILD_MRN = "CB-100067";
const TEMPLATE_MRN = "CB-100070";
const SHARED_MRN = "CB-100004";

function isoDaysAhead(days: number): string {
  return orgDate(days);
}

/** While the patient has an active plan (an earlier attempt activated one), the start form opens from its link. */
async function openStartForm(page: Page) {
  const another = page
    .getByRole("region", { name: "Start a new plan" })
    .getByRole("link", { name: "Start another plan" });
  if ((await another.count()) > 0) await another.click();
}

/** A draft left by an earlier attempt of the same test is withdrawn, the way a person would. */
async function withdrawOpenDraft(page: Page, patientId: string) {
  await page.goto(`/patients/${patientId}/care-plan`);
  const draft = page
    .getByRole("navigation", { name: /All plans/ })
    .getByRole("listitem")
    .filter({ hasText: "Draft" })
    .getByRole("link");
  if ((await draft.count()) === 0) return openStartForm(page);
  await draft.click();
  await page.getByRole("textbox", { name: "Why withdraw it" }).fill("Started again");
  await page.getByRole("button", { name: "Withdraw draft" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw draft" }).click();
  await expect(page.getByRole("region", { name: "Start a new plan" }).getByRole("button")).toBeVisible();
}

test("a coordinator builds a plan, activates it, reads its history and prints it @smoke", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const title = `Home after surgery ${stamp}`;
  const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(page, BUILD_MRN);
  await withdrawOpenDraft(page, id);

  const start = page.getByRole("region", { name: "Start a new plan" });
  await start.getByRole("textbox", { name: "Plan name" }).fill(title);
  await start.getByRole("button", { name: "Start draft plan" }).click();
  await expect(page.getByRole("heading", { name: `${title} Draft` })).toBeVisible();

  const problems = page.getByRole("region", { name: /^Problems and needs/ });
  await problems.getByText("Add a problem or need").click();
  await problems.getByRole("textbox", { name: "Problem or need" }).fill("Lives alone; stairs to the bedroom");
  await problems.getByRole("button", { name: "Add problem" }).click();
  await expect(problems.getByText("Added the problem.")).toBeVisible();
  await expect(problems.locator("li[id^='problem-']")).toContainText("Lives alone; stairs to the bedroom");

  // A date far ahead is refused on its field, and what was typed stays.
  const goals = page.getByRole("region", { name: /^Goals/ });
  await goals.getByText("Add a goal").click();
  await goals.getByRole("textbox", { name: "Goal", exact: true }).fill("Walk to the mailbox without help");
  await goals.getByLabel("Target date").fill("2099-01-01");
  await goals.getByRole("checkbox", { name: "The patient set this goal" }).check();
  await goals.getByRole("button", { name: "Add goal" }).click();
  await expect(goals.getByText("That is more than three years ahead. Check the year.")).toBeVisible();
  await expect(goals.getByRole("textbox", { name: "Goal", exact: true })).toHaveValue(
    "Walk to the mailbox without help",
  );
  await expect(page.getByRole("heading", { name: /^Goals \(0\)/ })).toBeVisible();
  await goals.getByLabel("Target date").fill(isoDaysAhead(30));
  await goals.getByRole("button", { name: "Add goal" }).click();
  await expect(goals.getByText("Added the goal.")).toBeVisible();
  await expect(goals.getByText("Set by the patient")).toBeVisible();

  const tasks = page.getByRole("region", { name: /^Interventions/ });
  await tasks.getByText("Add an intervention").click();
  await tasks
    .getByRole("textbox", { name: "What will be done" })
    .fill("Arrange home physiotherapy twice a week");
  await tasks
    .getByRole("combobox", { name: "For goal" })
    .selectOption({ label: "Walk to the mailbox without help" });
  await tasks.getByRole("combobox", { name: "Owner" }).selectOption({ label: "Casey Morgan (coordinator)" });
  await tasks.getByLabel("Due date").fill(isoDaysAhead(7));
  await tasks.getByRole("button", { name: "Add intervention" }).click();
  await expect(tasks.getByText("Added the intervention.")).toBeVisible();
  await expect(tasks.locator("li[id^='intervention-']")).toContainText("Casey Morgan");

  await page.getByRole("button", { name: "Activate plan" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("heading", { name: `${title} Active` })).toBeVisible();

  // The history is shown on request.
  await page.getByRole("link", { name: "Show the version history" }).click();
  const history = page.getByRole("region", { name: "Version history" });
  await expect(history.getByRole("listitem").filter({ hasText: "Version 5 · Casey Morgan" })).toContainText(
    "Status: Draft → Active.",
  );
  await expect(history).toContainText("Added goal “Walk to the mailbox without help”.");
  await expect(history).toContainText(
    `Plan started as “${title}” with 0 problems, 0 goals, 0 interventions.`,
  );

  await page.getByRole("link", { name: "Print for the patient and family" }).click();
  await expect(page.getByRole("heading", { name: "Your goals" })).toBeVisible();
  await expect(page.getByText("Walk to the mailbox without help")).toBeVisible();
  await expect(page.getByText("(your goal)")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Casey Morgan" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print this plan" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print this plan" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
});

test("a plan starts from a template, is individualised, saved as a new template, and the template is untouched", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(page, TEMPLATE_MRN);
  await withdrawOpenDraft(page, id);
  const start = page.getByRole("region", { name: "Start a new plan" });
  await start.getByRole("textbox", { name: "Plan name" }).fill(`Sugar on target ${stamp}`);
  await start
    .getByRole("combobox", { name: "Start from" })
    .selectOption({ label: "Template: Diabetes self-management" });
  await start.getByRole("button", { name: "Start draft plan" }).click();
  const templated = page.locator("li[id^='goal-']").filter({ hasText: "Bring HbA1c below 7.5%" });
  await expect(templated).toBeVisible();
  const goal = page.locator(`[id="${await templated.getAttribute("id")}"]`);
  await expect(page.getByText("started from “Diabetes self-management”")).toBeVisible();

  await goal.getByText(/^Edit or remove/).click();
  await goal
    .getByRole("textbox", { name: "Goal", exact: true })
    .fill("Bring HbA1c below 7% before the summer");
  await goal.getByRole("checkbox", { name: "The patient set this goal" }).check();
  await goal.getByRole("button", { name: "Save goal" }).click();
  await expect(goal.getByText("Saved the goal.")).toBeVisible();

  const templateName = `Diabetes, individualised ${stamp}`;
  await page.getByText("Save this plan as a template").click();
  await page.getByRole("textbox", { name: "Template name" }).fill(templateName);
  await page
    .getByRole("textbox", { name: "When to use it" })
    .fill("Type 2 diabetes, motivated to change diet first.");
  await page.getByRole("button", { name: "Save as template" }).click();
  await expect(page.getByText(/^Saved as a template/)).toBeVisible();

  await withdrawOpenDraft(page, id);
  const fromTemplate = page
    .getByRole("region", { name: "Start a new plan" })
    .getByRole("combobox", { name: "Start from" });
  await expect(fromTemplate.getByRole("option", { name: `Template: ${templateName}` })).toHaveCount(1);
  await page.getByRole("textbox", { name: "Plan name" }).fill(`Second try ${stamp}`);
  await fromTemplate.selectOption({ label: "Template: Diabetes self-management" });
  await page.getByRole("button", { name: "Start draft plan" }).click();
  await expect(page.locator("li[id^='goal-']").filter({ hasText: "Bring HbA1c below 7.5%" })).toBeVisible();
  await expect(page.getByText("Bring HbA1c below 7% before the summer")).toHaveCount(0);
});

test("two coordinators edit one goal: the stale save is refused, names who saved, and keeps the input", async ({
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const first = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(first, SHARED_MRN);
  const second = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  await first.goto(`/patients/${id}/care-plan`);
  await second.goto(`/patients/${id}/care-plan`);
  const goalIn = (page: Page) =>
    page.locator("li[id^='goal-']").filter({ hasText: "See the primary care clinician within 7 days" });

  await goalIn(first)
    .getByText(/^Edit or remove/)
    .click();
  await goalIn(second)
    .getByText(/^Edit or remove/)
    .click();
  await goalIn(first).getByRole("textbox", { name: "How we will know" }).fill(`Visit done (${stamp})`);
  await goalIn(first).getByRole("button", { name: "Save goal" }).click();
  await expect(goalIn(first).getByText("Saved the goal.")).toBeVisible();

  const theirs = goalIn(second).getByRole("textbox", { name: "How we will know" });
  await theirs.fill(`Seen by Dr. Park (${stamp})`);
  await goalIn(second).getByRole("button", { name: "Save goal" }).click();
  await expect(
    goalIn(second).getByText(
      "Casey Morgan changed this record while you were editing. Review their change, then save again.",
    ),
  ).toBeVisible();
  await expect(theirs).toHaveValue(`Seen by Dr. Park (${stamp})`);
  // The page now shows the other change beside the kept input; saving again is a decision.
  await expect(
    goalIn(second)
      .getByRole("definition")
      .filter({ hasText: `Visit done (${stamp})` }),
  ).toBeVisible();
  await goalIn(second).getByRole("button", { name: "Save goal" }).click();
  await expect(goalIn(second).getByText("Saved the goal.")).toBeVisible();
  await second.getByRole("link", { name: "Show the version history" }).click();
  await expect(second.getByRole("region", { name: "Version history" })).toContainText(
    `measure “Visit done (${stamp})” → “Seen by Dr. Park (${stamp})”`,
  );
});

test("an advocate, the patient and family read the plan; the dashboard lists what needs a coordinator", async ({
  browser,
}) => {
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const id = await patientIdFor(coordinator, OWN_MRN);
  await coordinator.goto("/dashboard");
  await expect(coordinator.getByRole("region", { name: /^Overdue interventions/ })).toContainText(
    "Maria Alvarez",
  );
  const review = coordinator.getByRole("region", { name: /^Plans due for review/ });
  await review.getByRole("link").first().click();
  await expect(coordinator.getByText("This plan is due for review.")).toBeVisible();

  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await advocate.goto(`/patients/${id}/care-plan`);
  await expect(advocate.getByRole("heading", { name: /Home safely after the hospital stay/ })).toBeVisible();
  await expect(advocate.getByRole("heading", { name: "What matters to Maria" })).toBeVisible();
  await expect(advocate.getByRole("region", { name: "Version history" })).toBeVisible();
  await expect(advocate.getByText(/^Edit or remove/)).toHaveCount(0);
  await expect(advocate.getByRole("region", { name: "Start a new plan" })).toHaveCount(0);

  // The patient and her daughter read the plan through the portal; the staff page is a 404 for them.
  for (const account of ["patient", "family"] as const) {
    const page = await (await browser.newContext({ storageState: storageFor(account) })).newPage();
    const staffPage = await page.goto(`/patients/${id}/care-plan`);
    expect(staffPage?.status(), `${account} on the staff care plan`).toBe(404);
    await expect(page.getByText(/Home safely after the hospital stay/)).toHaveCount(0);
    await page.goto("/me");
    await expect(page.getByText(/Home safely after the hospital stay/).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Version history" })).toHaveCount(0);
    await expect(page.getByText(/^Edit or remove/)).toHaveCount(0);
  }
});
