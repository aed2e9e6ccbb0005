import { type APIRequestContext, type APIResponse, type Browser, expect, test } from "@playwright/test";
import {
  type AccountKey,
  actionBody,
  actionIds,
  FORM,
  OTHER_MRN,
  OWN_MRN,
  patientIdFor,
  storageFor,
} from "./support";

/**
 * Every server action authorises before it validates input (issue 13, item 5). A caller who may
 * not act sends a form full of mistakes and gets the 404 and nothing else: not one of the field
 * errors, which would tell them the action is there for them and what it checks. The positive
 * control: the same mistakes from the role the policy allows come back on their fields, so the
 * test can tell "refused first" from "the form was never checked".
 *
 * The input is invalid in every case, so nothing here changes the record (refusals add audit rows).
 */

const ACTIONS = {
  appointments: "app/(portal)/patients/[id]/appointments/actions.ts",
  concerns: "app/(portal)/patients/[id]/concerns/actions.ts",
  rights: "app/(portal)/patients/[id]/rights-requests/actions.ts",
  portal: "app/(portal)/me/actions.ts",
  family: "app/(portal)/me/family/actions.ts",
  users: "app/(portal)/admin/users/actions.ts",
} as const;

interface Ids {
  /** Maria, in coordinator@'s and advocate@'s caseloads; patient@ herself; family@'s mother. */
  own: string;
  /** A patient in coordinator2@'s caseload and nobody else's here. */
  other: string;
  /** One of Maria's concerns that is not confidential. */
  concern: string;
  /** One of Maria's rights requests. */
  rightsRequest: string;
}

let ids: Ids;

let actionsInBuild: Record<string, string> | undefined;
function actionId(key: string): string {
  actionsInBuild ??= actionIds();
  const id = actionsInBuild[key];
  expect(id, `action ${key} is in the build`).toBeTruthy();
  return id!;
}

/** One signed-in request context per role for the worker; the portal pinned to English. */
const requests = new Map<AccountKey, Promise<APIRequestContext>>();
function requestAs(browser: Browser, baseURL: string, role: AccountKey): Promise<APIRequestContext> {
  let request = requests.get(role);
  if (!request) {
    request = (async () => {
      const context = await browser.newContext({ storageState: storageFor(role) });
      // The portal answers in the person's language; the messages below are the English ones.
      await context.addCookies([{ name: "cb-lang", value: "en", url: baseURL }]);
      return context.request;
    })();
    requests.set(role, request);
  }
  return request;
}

async function post(
  request: APIRequestContext,
  key: string,
  path: string,
  args: unknown[],
  form: Record<string, string>,
): Promise<{ response: APIResponse; body: string }> {
  const response = await request.post(path, {
    headers: { "Next-Action": actionId(key), Accept: "text/x-component" },
    multipart: actionBody(args, form),
    maxRedirects: 0,
  });
  return { response, body: await response.text() };
}

interface Call {
  key: string;
  path: string;
  args: unknown[];
  form: Record<string, string>;
  /** What the form's checks say about this input, each on its field. */
  errors: readonly string[];
}

/** The caller may not act: the 404, and none of what the form's checks would have said. */
async function expectRefusedFirst(browser: Browser, baseURL: string, role: AccountKey, call: Call) {
  const { response, body } = await post(
    await requestAs(browser, baseURL, role),
    call.key,
    call.path,
    call.args,
    call.form,
  );
  const label = `${role} calling ${call.key.split("#")[1]} on ${call.path}`;
  expect(response.status(), `${label} is refused with the 404`).toBe(404);
  for (const error of call.errors)
    expect(body, `${label} learns nothing of the form's checks`).not.toContain(error);
}

/** The positive control: the role the policy allows gets the same mistakes back on their fields. */
async function expectFieldErrors(browser: Browser, baseURL: string, role: AccountKey, call: Call) {
  const { response, body } = await post(
    await requestAs(browser, baseURL, role),
    call.key,
    call.path,
    call.args,
    call.form,
  );
  const label = `${role} calling ${call.key.split("#")[1]} on ${call.path}`;
  expect(response.status(), `${label} gets the form back`).toBe(200);
  for (const error of call.errors) expect(body, `${label} sees the field error`).toContain(error);
}

test.describe("server actions authorise before they validate input", () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(async ({ browser }) => {
    const pageAs = async (role: AccountKey) =>
      (await browser.newContext({ storageState: storageFor(role) })).newPage();
    const coordinator = await pageAs("coordinator");
    const coordinator2 = await pageAs("coordinator2");
    const advocate = await pageAs("advocate");
    const own = await patientIdFor(coordinator, OWN_MRN);
    const other = await patientIdFor(coordinator2, OTHER_MRN);
    await advocate.goto(`/patients/${own}/concerns`);
    const concernHref = await advocate
      .getByRole("row")
      .filter({ hasNotText: "Confidential" })
      .getByRole("link")
      .first()
      .getAttribute("href");
    await advocate.goto(`/patients/${own}/rights-requests`);
    // The letter's address is /patients/<id>/rights-requests/<request>/letter?kind=decision.
    const letterHref = await advocate
      .getByRole("link", { name: "Decision letter" })
      .first()
      .getAttribute("href");
    ids = {
      own,
      other,
      concern: concernHref!.split("/").at(-1)!,
      rightsRequest: letterHref!.split("?")[0]!.split("/").at(-2)!,
    };
    for (const page of [coordinator, coordinator2, advocate]) await page.context().close();
  });

  test("a patient-scoped action: bookAppointmentAction", async ({ browser, baseURL }) => {
    const call = (patientId: string): Call => ({
      key: `${ACTIONS.appointments}#bookAppointmentAction`,
      path: `/patients/${patientId}/appointments`,
      args: [patientId, {}, FORM],
      form: { kind: "not-a-kind", title: "x", location: "", startsAt: "", endsAt: "", repeat: "none" },
      errors: [
        "Choose what kind of appointment this is.",
        "Enter the start as a date and time.",
        "Enter the end as a date and time.",
        "Say where it takes place.",
      ],
    });
    // coordinator2 works, but Maria is not in their caseload; the advocate may not book; nor may
    // the patient or her daughter, on her record or anyone's.
    for (const role of ["coordinator2", "advocate", "patient", "family", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call(ids.own));
    await expectRefusedFirst(browser, baseURL!, "coordinator", call(ids.other));
    await expectFieldErrors(browser, baseURL!, "coordinator", call(ids.own));
  });

  test("a patient-scoped action: intakeConcernAction", async ({ browser, baseURL }) => {
    const call = (patientId: string): Call => ({
      key: `${ACTIONS.concerns}#intakeConcernAction`,
      path: `/patients/${patientId}/concerns`,
      args: [patientId, {}, FORM],
      form: { raisedBy: "nobody", category: "nothing", severity: "extreme", whatHappened: "x" },
      errors: [
        "Say who raised the concern.",
        "Choose a category from the list.",
        "Choose how serious it is.",
      ],
    });
    // The coordinator has Maria in their caseload but does not record concerns.
    for (const role of ["coordinator", "coordinator2", "patient", "family", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call(ids.own));
    await expectRefusedFirst(browser, baseURL!, "advocate", call(ids.other));
    await expectFieldErrors(browser, baseURL!, "advocate", call(ids.own));
  });

  test("a record-scoped action: transitionConcernAction", async ({ browser, baseURL }) => {
    const call: Call = {
      key: `${ACTIONS.concerns}#transitionConcernAction`,
      path: `/patients/${ids.own}/concerns/${ids.concern}`,
      // The status to move to is bound by the page, as the concern's id is; this one is none.
      args: [ids.concern, "nowhere", {}, FORM],
      form: { note: "", version: "1" },
      errors: ["Choose what happens next."],
    };
    for (const role of ["coordinator", "coordinator2", "patient", "family", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call);
    await expectFieldErrors(browser, baseURL!, "advocate", call);
  });

  test("a record-scoped action: decideRightsRequestAction", async ({ browser, baseURL }) => {
    const call: Call = {
      key: `${ACTIONS.rights}#decideRightsRequestAction`,
      path: `/patients/${ids.own}/rights-requests`,
      args: [ids.rightsRequest, {}, FORM],
      form: { decision: "maybe", decidedOn: "2999-01-01", version: "1" },
      errors: ["Choose the decision.", "The decision date cannot be in the future."],
    };
    for (const role of ["coordinator", "coordinator2", "patient", "family", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call);
    await expectFieldErrors(browser, baseURL!, "advocate", call);
  });

  test("a portal action: raiseConcernAction", async ({ browser, baseURL }) => {
    const call = (patientId: string): Call => ({
      key: `${ACTIONS.portal}#raiseConcernAction`,
      path: "/me/concerns/new",
      args: [patientId, {}, FORM],
      form: { category: "nothing", whatHappened: "x", desiredOutcome: "" },
      errors: [
        "Choose what it is about.",
        "Tell us what happened, in a sentence or more.",
        "Tell us what you would like to happen.",
      ],
    });
    // Staff raise concerns on the staff pages, never through the portal's action.
    for (const role of ["coordinator", "coordinator2", "advocate", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call(ids.own));
    // The patient, and her daughter (who may raise concerns), on someone else's record.
    await expectRefusedFirst(browser, baseURL!, "patient", call(ids.other));
    await expectRefusedFirst(browser, baseURL!, "family", call(ids.other));
    await expectFieldErrors(browser, baseURL!, "patient", call(ids.own));
    await expectFieldErrors(browser, baseURL!, "family", call(ids.own));
  });

  test("a portal action: fileRightsAction", async ({ browser, baseURL }) => {
    const call = (patientId: string): Call => ({
      key: `${ACTIONS.portal}#fileRightsAction`,
      path: "/me/rights",
      args: [patientId, {}, FORM],
      form: { type: "nothing", details: "x" },
      errors: [
        "Choose one of the requests in the list.",
        "Tell us what you are asking for, in a sentence or more.",
      ],
    });
    // Only the patient files her own requests: not her daughter, whatever she was given.
    for (const role of ["family", "coordinator2", "advocate", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call(ids.own));
    await expectRefusedFirst(browser, baseURL!, "patient", call(ids.other));
    await expectFieldErrors(browser, baseURL!, "patient", call(ids.own));
  });

  test("an action on the caller's own record: inviteFamilyAction", async ({ browser, baseURL }) => {
    const call: Call = {
      key: `${ACTIONS.family}#inviteFamilyAction`,
      path: "/me/family",
      args: [{}, FORM],
      form: { email: "not an email", relationship: "" },
      errors: ["Enter their email address, like name@example.com.", "Say how they are related to you."],
    };
    for (const role of ["family", "coordinator2", "advocate", "admin"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call);
    await expectFieldErrors(browser, baseURL!, "patient", call);
  });

  test("an admin action: createUserAction", async ({ browser, baseURL }) => {
    const call: Call = {
      key: `${ACTIONS.users}#createUserAction`,
      path: "/admin/users/new",
      args: [{}, FORM],
      form: { name: "Matrix", email: "not an email", role: "overlord", password: "short" },
      errors: ["Enter an email address like name@example.org.", "Choose a role."],
    };
    for (const role of ["coordinator", "coordinator2", "advocate", "patient", "family"] as AccountKey[])
      await expectRefusedFirst(browser, baseURL!, role, call);
    await expectFieldErrors(browser, baseURL!, "admin", call);
  });
});
