import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import {
  ACCOUNTS,
  type AccountKey,
  actionBody,
  actionIds,
  FORM,
  OTHER_MRN,
  OWN_MRN,
  orgDate,
  patientIdFor,
  storageFor,
} from "./support";

/**
 * The one authorization matrix: every route and every server action × every role × own and
 * other patient. Later issues add their routes and actions here.
 */
const ROLES = [
  "admin",
  "coordinator",
  "advocate",
  "patient",
  "family",
] as const satisfies readonly AccountKey[];
type MatrixRole = (typeof ROLES)[number] | "anonymous";

interface RouteCase {
  path: (ids: Ids) => string;
  name: string;
  allowed: MatrixRole[];
}
interface Ids {
  own: string;
  other: string;
  staffUser: string;
  /** Seeded concerns of the own patient: an ordinary one, and one confidential to advocates. */
  concern: string;
  confidentialConcern: string;
  /** One of the own patient's upcoming appointments. */
  appointment: string;
  /** The own patient's decided rights request (seeded), and the accounting they were given. */
  decidedRequest: string;
  accounting: string;
}

const ROUTES: RouteCase[] = [
  // The benchmark's floor page and statement counter exist only under CAREBRIDGE_BENCH=1.
  { name: "/bench/floor (benchmark off)", path: () => "/bench/floor", allowed: [] },
  { name: "/bench/stats (benchmark off)", path: () => "/bench/stats", allowed: [] },
  { name: "/dashboard", path: () => "/dashboard", allowed: ["coordinator", "advocate"] },
  { name: "/patients", path: () => "/patients", allowed: ["coordinator", "advocate"] },
  // The demo patient is in coordinator@'s and advocate@'s caseloads, is patient@ and shares with family@.
  {
    name: "/patients/[own]",
    path: (ids) => `/patients/${ids.own}`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  { name: "/patients/[other]", path: (ids) => `/patients/${ids.other}`, allowed: [] },
  {
    name: "/patients/[own]/appointments",
    path: (ids) => `/patients/${ids.own}/appointments`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  {
    name: "/patients/[other]/appointments",
    path: (ids) => `/patients/${ids.other}/appointments`,
    allowed: [],
  },
  { name: "/emergency-access", path: () => "/emergency-access", allowed: ["coordinator", "advocate"] },
  { name: "/schedule", path: () => "/schedule", allowed: ["coordinator", "advocate"] },
  { name: "/schedule?view=day", path: () => "/schedule?view=day", allowed: ["coordinator", "advocate"] },
  { name: "/calendar", path: () => "/calendar", allowed: ["coordinator", "advocate", "patient"] },
  { name: "/messages", path: () => "/messages", allowed: ["coordinator", "advocate"] },
  {
    name: "/patients/[own]/updates",
    path: (ids) => `/patients/${ids.own}/updates`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  { name: "/patients/[other]/updates", path: (ids) => `/patients/${ids.other}/updates`, allowed: [] },
  {
    name: "/patients/[own]/messages",
    path: (ids) => `/patients/${ids.own}/messages`,
    allowed: ["coordinator", "advocate"],
  },
  { name: "/patients/[other]/messages", path: (ids) => `/patients/${ids.other}/messages`, allowed: [] },
  {
    name: "/patients/[own]/care-plan",
    path: (ids) => `/patients/${ids.own}/care-plan`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  { name: "/patients/[other]/care-plan", path: (ids) => `/patients/${ids.other}/care-plan`, allowed: [] },
  {
    name: "/patients/[own]/care-plan/print",
    path: (ids) => `/patients/${ids.own}/care-plan/print`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  {
    name: "/patients/[other]/care-plan/print",
    path: (ids) => `/patients/${ids.other}/care-plan/print`,
    allowed: [],
  },
  { name: "/concerns", path: () => "/concerns", allowed: ["advocate"] },
  {
    name: "/patients/[own]/concerns",
    path: (ids) => `/patients/${ids.own}/concerns`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  { name: "/patients/[other]/concerns", path: (ids) => `/patients/${ids.other}/concerns`, allowed: [] },
  {
    name: "/patients/[own]/concerns/[concern]",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.concern}`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  {
    name: "/patients/[own]/concerns/[confidential]",
    path: (ids) => `/patients/${ids.own}/concerns/${ids.confidentialConcern}`,
    allowed: ["advocate", "patient", "family"],
  },
  {
    name: "/patients/[other]/concerns/[concern]",
    path: (ids) => `/patients/${ids.other}/concerns/${ids.concern}`,
    allowed: [],
  },
  {
    name: "/patients/[own]/preferences",
    path: (ids) => `/patients/${ids.own}/preferences`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  { name: "/patients/[other]/preferences", path: (ids) => `/patients/${ids.other}/preferences`, allowed: [] },
  {
    name: "/patients/[own]/advocacy",
    path: (ids) => `/patients/${ids.own}/advocacy`,
    allowed: ["coordinator", "advocate"],
  },
  { name: "/patients/[other]/advocacy", path: (ids) => `/patients/${ids.other}/advocacy`, allowed: [] },
  { name: "/resources", path: () => "/resources", allowed: ["coordinator", "advocate"] },
  { name: "/rights-requests", path: () => "/rights-requests", allowed: ["advocate"] },
  {
    name: "/patients/[own]/rights-requests",
    path: (ids) => `/patients/${ids.own}/rights-requests`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  {
    name: "/patients/[other]/rights-requests",
    path: (ids) => `/patients/${ids.other}/rights-requests`,
    allowed: [],
  },
  {
    name: "/patients/[own]/rights-requests/[request]/letter",
    path: (ids) => `/patients/${ids.own}/rights-requests/${ids.decidedRequest}/letter?kind=decision`,
    allowed: ["coordinator", "advocate", "patient", "family"],
  },
  {
    name: "/patients/[other]/rights-requests/[request]/letter",
    path: (ids) => `/patients/${ids.other}/rights-requests/${ids.decidedRequest}/letter?kind=decision`,
    allowed: [],
  },
  {
    name: "/patients/[own]/disclosures",
    path: (ids) => `/patients/${ids.own}/disclosures`,
    allowed: ["coordinator", "advocate"],
  },
  { name: "/patients/[other]/disclosures", path: (ids) => `/patients/${ids.other}/disclosures`, allowed: [] },
  {
    name: "/patients/[own]/disclosures/accounting/[accounting]",
    path: (ids) => `/patients/${ids.own}/disclosures/accounting/${ids.accounting}`,
    allowed: ["coordinator", "advocate"],
  },
  {
    name: "/patients/[other]/disclosures/accounting/[accounting]",
    path: (ids) => `/patients/${ids.other}/disclosures/accounting/${ids.accounting}`,
    allowed: [],
  },
  { name: "/reports", path: () => "/reports", allowed: ["advocate"] },
  {
    name: "/reports/csv",
    path: () => {
      const to = orgDate();
      return `/reports/csv?table=concerns-by-language&from=${to.slice(0, 4)}-01-01&to=${to}`;
    },
    allowed: ["advocate"],
  },
  { name: "/me", path: () => "/me", allowed: ["patient", "family"] },
  { name: "/me?kind=concern&page=2", path: () => "/me?kind=concern&page=2", allowed: ["patient", "family"] },
  { name: "/me?patient=[own]", path: (ids) => `/me?patient=${ids.own}`, allowed: ["patient", "family"] },
  { name: "/me?patient=[other]", path: (ids) => `/me?patient=${ids.other}`, allowed: [] },
  { name: "/me/rights", path: () => "/me/rights", allowed: ["patient", "family"] },
  { name: "/me/family", path: () => "/me/family", allowed: ["patient"] },
  {
    name: "/me/appointments/[own]",
    path: (ids) => `/me/appointments/${ids.appointment}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/appointments/[own]/ics",
    path: (ids) => `/me/appointments/${ids.appointment}/ics`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/appointments/[own]?patient=[other]",
    path: (ids) => `/me/appointments/${ids.appointment}?patient=${ids.other}`,
    allowed: [],
  },
  { name: "/me/access-log", path: () => "/me/access-log", allowed: ["patient"] },
  { name: "/me/export", path: () => "/me/export", allowed: ["patient"] },
  { name: "/me/summary", path: () => "/me/summary", allowed: ["patient"] },
  { name: "/me/preferences", path: () => "/me/preferences", allowed: ["patient", "family"] },
  {
    name: "/me/preferences?patient=[other]",
    path: (ids) => `/me/preferences?patient=${ids.other}`,
    allowed: [],
  },
  // Public: an invitation link needs no session, and a made-up one says so plainly.
  {
    name: "/invite/[unknown token]",
    path: () => `/invite/${"A".repeat(43)}`,
    allowed: ["admin", "coordinator", "advocate", "patient", "family", "anonymous"],
  },
  { name: "/me/rights?patient=[other]", path: (ids) => `/me/rights?patient=${ids.other}`, allowed: [] },
  { name: "/me/concerns/new", path: () => "/me/concerns/new", allowed: ["patient", "family"] },
  {
    name: "/me/concerns/new?patient=[other]",
    path: (ids) => `/me/concerns/new?patient=${ids.other}`,
    allowed: [],
  },
  {
    name: "/me/concerns/[own]",
    path: (ids) => `/me/concerns/${ids.concern}`,
    allowed: ["patient", "family"],
  },
  {
    name: "/me/concerns/[own]?patient=[other]",
    path: (ids) => `/me/concerns/${ids.concern}?patient=${ids.other}`,
    allowed: [],
  },
  { name: "/admin/users", path: () => "/admin/users", allowed: ["admin"] },
  { name: "/admin/users/new", path: () => "/admin/users/new", allowed: ["admin"] },
  { name: "/admin/users/[id]", path: (ids) => `/admin/users/${ids.staffUser}`, allowed: ["admin"] },
  { name: "/admin/audit", path: () => "/admin/audit", allowed: ["admin"] },
  { name: "/admin/emergency-access", path: () => "/admin/emergency-access", allowed: ["admin"] },
];

let ids: Ids;

async function lookUpIds(browser: Browser): Promise<Ids> {
  const coordinator = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  const coordinator2 = await (
    await browser.newContext({ storageState: storageFor("coordinator2") })
  ).newPage();
  const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
  await admin.goto(`/admin/users?q=${encodeURIComponent(ACCOUNTS.coordinator2)}`);
  const staffHref = await admin.getByRole("link", { name: "Jordan Blake" }).getAttribute("href");
  const own = await patientIdFor(coordinator, OWN_MRN);
  const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
  await advocate.goto(`/patients/${own}/concerns`);
  const concernIn = async (confidential: boolean) => {
    const row = advocate.getByRole("row").filter({ hasText: "Confidential" });
    const link = (confidential ? row : advocate.getByRole("row").filter({ hasNotText: "Confidential" }))
      .getByRole("link")
      .first();
    return (await link.getAttribute("href"))!.split("/").at(-1)!;
  };
  const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
  await patient.goto("/me");
  const appointmentHref = await patient.locator("a[href^='/me/appointments/']").first().getAttribute("href");
  const concern = await concernIn(false);
  const confidentialConcern = await concernIn(true);
  await advocate.goto(`/patients/${own}/rights-requests`);
  const letter = await advocate.getByRole("link", { name: "Decision letter" }).first().getAttribute("href");
  await advocate.goto(`/patients/${own}/disclosures`);
  const accounting = await advocate
    .getByRole("link", { name: /^Accounting of / })
    .first()
    .getAttribute("href");
  return {
    own,
    decidedRequest: letter!.split("/").at(-2)!,
    accounting: accounting!.split("/").at(-1)!,
    other: await patientIdFor(coordinator2, OTHER_MRN),
    staffUser: staffHref!.split("/").at(-1)!,
    concern,
    confidentialConcern,
    appointment: appointmentHref!.split("/").at(-1)!.split("?")[0]!,
  };
}

async function requestFor(browser: Browser, role: MatrixRole): Promise<APIRequestContext> {
  const context = await browser.newContext(role === "anonymous" ? {} : { storageState: storageFor(role) });
  return context.request;
}

test.describe("authorization matrix: routes", () => {
  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
  });

  for (const role of [...ROLES, "anonymous"] as MatrixRole[]) {
    test(`${role} gets exactly the routes the policy gives them`, async ({ browser }) => {
      const request = await requestFor(browser, role);
      for (const route of ROUTES) {
        const response = await request.get(route.path(ids), { maxRedirects: 0 });
        const label = `${role} ${route.name}`;
        if (role === "anonymous" && route.allowed.includes("anonymous")) {
          expect(response.status(), label).toBe(200);
        } else if (role === "anonymous") {
          expect([303, 307], label).toContain(response.status());
          expect(response.headers().location, label).toContain("/login");
        } else if (route.allowed.includes(role)) {
          expect(response.status(), label).toBe(200);
        } else {
          expect(response.status(), label).toBe(404);
          const body = await response.text();
          expect(body, label).not.toContain(OTHER_MRN);
        }
      }
    });
  }
});

test.describe("authorization matrix: server actions called directly", () => {
  let actions: Record<string, string>;
  const run = Date.now().toString(36);

  test.beforeAll(async ({ browser }) => {
    ids = await lookUpIds(browser);
    actions = actionIds();
  });

  async function call(
    role: MatrixRole,
    browser: Browser,
    key: string,
    path: string,
    args: unknown[],
    form: Record<string, string>,
  ) {
    const id = actions[key];
    expect(id, `action ${key} is in the build`).toBeTruthy();
    const request = await requestFor(browser, role);
    return request.post(path, {
      headers: { "Next-Action": id!, Accept: "text/x-component" },
      multipart: actionBody(args, form),
      maxRedirects: 0,
    });
  }

  async function adminPage(browser: Browser) {
    return (await browser.newContext({ storageState: storageFor("admin") })).newPage();
  }

  test("createUserAction: only an admin creates accounts", async ({ browser }) => {
    for (const role of [...ROLES, "anonymous"] as MatrixRole[]) {
      const email = `matrix-${role}-${run}@carebridge.example`;
      await call(
        role,
        browser,
        "app/(portal)/admin/users/actions.ts#createUserAction",
        "/admin/users/new",
        [{}, FORM],
        {
          name: `Matrix ${role}`,
          email,
          role: "coordinator",
          password: "a long matrix password 2026",
        },
      );
      const admin = await adminPage(browser);
      await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      if (role === "admin") await expect(admin.getByRole("link", { name: `Matrix ${role}` })).toBeVisible();
      else await expect(admin.getByText("No account matches.")).toBeVisible();
    }
  });

  test("user management actions on someone else's account: only an admin", async ({ browser }) => {
    // A target account of its own, made by the admin through the action.
    const email = `matrix-target-${run}@carebridge.example`;
    await call(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#createUserAction",
      "/admin/users/new",
      [{}, FORM],
      {
        name: "Matrix Target",
        email,
        role: "coordinator",
        password: "a long matrix password 2026",
      },
    );
    const admin = await adminPage(browser);
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    const targetId = (await admin.getByRole("link", { name: "Matrix Target" }).getAttribute("href"))!
      .split("/")
      .at(-1)!;
    const path = `/admin/users/${targetId}`;
    const attempts: [string, Record<string, string>][] = [
      ["updateRoleAction", { role: "advocate", version: "1" }],
      ["setActiveAction", { active: "false", version: "1" }],
      ["assignCaseloadAction", { patientMrn: OTHER_MRN }],
      ["resetPasswordAction", { password: "another long password 2026" }],
    ];
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      for (const [name, form] of attempts) {
        await call(
          role,
          browser,
          `app/(portal)/admin/users/actions.ts#${name}`,
          path,
          [targetId, {}, FORM],
          form,
        );
      }
    }
    await admin.goto(path);
    await expect(admin.getByText(/Care coordinator · Active/)).toBeVisible();
    await expect(admin.getByText("No patients yet.")).toBeVisible();
    await admin.goto(`/admin/audit?action=user.password-reset`);
    await expect(admin.getByRole("cell", { name: targetId })).toHaveCount(0);

    // The same calls from the admin do take effect: the test can tell the difference.
    await call(
      "admin",
      browser,
      "app/(portal)/admin/users/actions.ts#assignCaseloadAction",
      path,
      [targetId, {}, FORM],
      {
        patientMrn: OTHER_MRN,
      },
    );
    await admin.goto(path);
    await expect(admin.getByRole("cell", { name: OTHER_MRN, exact: true })).toBeVisible();
  });

  test("endCaseloadAction: only an admin takes a patient out of a caseload", async ({ browser }) => {
    const admin = await adminPage(browser);
    await admin.goto(`/admin/users/${ids.staffUser}`);
    const assignmentId = await admin.locator('input[name="assignmentId"]').first().getAttribute("value");
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await call(
        role,
        browser,
        "app/(portal)/admin/users/actions.ts#endCaseloadAction",
        `/admin/users/${ids.staffUser}`,
        [ids.staffUser, {}, FORM],
        {
          assignmentId: assignmentId!,
        },
      );
    }
    await admin.goto(`/admin/users/${ids.staffUser}`);
    await expect(admin.locator(`input[name="assignmentId"][value="${assignmentId}"]`)).toHaveCount(1);
  });

  test("requestEmergencyAccessAction: only coordinators and advocates break the glass", async ({
    browser,
  }) => {
    for (const role of [...ROLES, "anonymous"] as MatrixRole[]) {
      await call(
        role,
        browser,
        "app/(portal)/emergency-access/actions.ts#requestEmergencyAccessAction",
        "/emergency-access",
        [{}, FORM],
        {
          patientMrn: "CB-100003",
          reason: `matrix ${role} ${run} needs this record`,
          confirm: "on",
        },
      );
    }
    const admin = await adminPage(browser);
    await admin.goto("/admin/emergency-access?status=all");
    for (const role of [...ROLES, "anonymous"]) {
      const shown = admin.getByText(`matrix ${role} ${run} needs this record`);
      if (role === "coordinator" || role === "advocate") await expect(shown).toBeVisible();
      else await expect(shown).toHaveCount(0);
    }
  });

  test("reviewEmergencyAccessAction: only an admin reviews", async ({ browser }) => {
    const admin = await adminPage(browser);
    await admin.goto("/admin/emergency-access?status=reviewed");
    const before = await admin.getByText(/^Reviewed by/).count();
    for (const role of ["coordinator", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      const response = await call(
        role,
        browser,
        "app/(portal)/admin/actions.ts#reviewEmergencyAccessAction",
        "/admin/emergency-access",
        ["00000000-0000-4000-8000-000000000000", {}, FORM],
        { note: "matrix says fine" },
      );
      expect(response.status()).not.toBe(500);
    }
    await admin.goto("/admin/emergency-access?status=reviewed");
    await expect(admin.getByText(/^Reviewed by/)).toHaveCount(before);
    await expect(admin.getByText("matrix says fine")).toHaveCount(0);
  });

  test("appointment actions: only the patient's coordinator books, moves, cancels or sets status", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/appointments/actions.ts";
    const day = orgDate(120);
    const booking = (title: string, hour: number) => ({
      kind: "test",
      title,
      location: "Lab",
      startsAt: `${day}T${String(hour).padStart(2, "0")}:00`,
      endsAt: `${day}T${String(hour).padStart(2, "0")}:30`,
      repeat: "none",
      occurrences: "2",
    });
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const [i, role] of roles.entries()) {
      await call(
        role,
        browser,
        `${FILE}#bookAppointmentAction`,
        `/patients/${ids.own}/appointments`,
        [ids.own, {}, FORM],
        booking(`matrix ${role} ${run}`, 8 + i),
      );
      // And never on a patient outside the caseload.
      await call(
        role,
        browser,
        `${FILE}#bookAppointmentAction`,
        `/patients/${ids.other}/appointments`,
        [ids.other, {}, FORM],
        booking(`matrix other ${role} ${run}`, 8 + i),
      );
    }
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    await coordinator.goto(`/patients/${ids.own}/appointments`);
    for (const role of roles) {
      const shown = coordinator.getByRole("heading", { name: new RegExp(`matrix ${role} ${run}`) });
      if (role === "coordinator") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/appointments`);
    await expect(
      coordinator2.getByRole("heading", { name: new RegExp(`matrix other .* ${run}`) }),
    ).toHaveCount(0);

    // The coordinator's own booking, attacked through the other three actions by everyone else.
    const item = coordinator.getByRole("listitem").filter({ hasText: `matrix coordinator ${run}` });
    await item.getByText(/^Change “/).click();
    const version = await item.locator('input[name="version"]').first().inputValue();
    const html = await coordinator.content();
    const appointmentId = /appointment-([0-9a-f-]{36})/.exec(html)?.[1];
    expect(appointmentId, "the card carries its id").toBeTruthy();
    for (const role of ["admin", "advocate", "patient", "family", "anonymous"] as MatrixRole[]) {
      await call(
        role,
        browser,
        `${FILE}#rescheduleAppointmentAction`,
        `/patients/${ids.own}/appointments`,
        [appointmentId, {}, FORM],
        {
          startsAt: `${day}T18:00`,
          endsAt: `${day}T18:30`,
          version,
        },
      );
      await call(
        role,
        browser,
        `${FILE}#setAppointmentStatusAction`,
        `/patients/${ids.own}/appointments`,
        [appointmentId, {}, FORM],
        {
          status: "no-show",
          version,
        },
      );
      await call(
        role,
        browser,
        `${FILE}#cancelAppointmentAction`,
        `/patients/${ids.own}/appointments`,
        [appointmentId, {}, FORM],
        {
          reason: "matrix attack",
          version,
        },
      );
    }
    await coordinator.reload();
    const after = coordinator.getByRole("listitem").filter({ hasText: `matrix coordinator ${run}` });
    await expect(after).toContainText("scheduled");
    await expect(after).not.toContainText("matrix attack");
    await expect(after).not.toContainText("6:00");
  });

  test("message actions: only the care team's staff post and reply", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/messages/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        await call(
          role,
          browser,
          `${FILE}#startThreadAction`,
          `/patients/${patient}/messages`,
          [patient, {}, FORM],
          {
            subject: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            body: "matrix message",
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/messages`);
    for (const role of roles) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "coordinator" || role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/messages`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);

    // Replies into the coordinator's thread from everyone else who is not on the team.
    const threadId = (await advocate
      .locator("details")
      .filter({ hasText: `matrix coordinator own ${run}` })
      .getAttribute("id"))!.replace("thread-", "");
    for (const role of ["admin", "patient", "family", "anonymous"] as MatrixRole[]) {
      await call(
        role,
        browser,
        `${FILE}#replyAction`,
        `/patients/${ids.own}/messages`,
        [threadId, {}, FORM],
        {
          body: `matrix reply ${role} ${run}`,
        },
      );
    }
    await advocate.reload();
    await expect(advocate.getByText(new RegExp(`matrix reply .* ${run}`))).toHaveCount(0);
  });

  test("update actions: only the patient's coordinator writes updates", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/updates/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      await call(
        role,
        browser,
        `${FILE}#createUpdateAction`,
        `/patients/${ids.own}/updates`,
        [ids.own, null, {}, FORM],
        {
          title: `matrix update ${role} ${run}`,
          progress: "Matrix progress text long enough.",
        },
      );
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/updates`);
    for (const role of roles) {
      const shown = advocate.getByRole("heading", { name: `matrix update ${role} ${run}` });
      if (role === "coordinator") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
  });

  test("care plan actions: only the patient's coordinator changes a plan", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/care-plan/actions.ts";
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    const open = async () => {
      await coordinator.goto(`/patients/${ids.own}/care-plan`);
      const href = await coordinator
        .getByRole("link", { name: "Print for the patient and family" })
        .getAttribute("href");
      return {
        planId: new URL(href!, "http://x").searchParams.get("plan")!,
        version: await coordinator.locator('input[name="version"]').first().inputValue(),
      };
    };
    const { planId, version } = await open();
    const path = `/patients/${ids.own}/care-plan`;
    const outsiders = ["admin", "advocate", "patient", "family", "anonymous"] as MatrixRole[];
    const attempts: [string, unknown[], Record<string, string>][] = [
      ["addPlanItemAction", [planId, "problem", {}, FORM], { description: `matrix problem ${run}`, version }],
      [
        "updatePlanDetailsAction",
        [planId, {}, FORM],
        { title: `matrix title ${run}`, reviewDate: "2027-06-01", version },
      ],
      ["transitionPlanAction", [planId, "revoked", {}, FORM], { reason: `matrix revoke ${run}`, version }],
      ["saveTemplateAction", [planId, {}, FORM], { name: `matrix template ${run}`, description: "matrix" }],
      ["startPlanAction", [ids.other, {}, FORM], { title: `matrix start ${run}`, reviewDate: "2027-06-01" }],
    ];
    for (const role of outsiders) {
      for (const [name, args, form] of attempts)
        await call(role, browser, `${FILE}#${name}`, path, args, form);
    }
    // The coordinator may not start a plan for a patient outside the caseload either.
    await call("coordinator", browser, `${FILE}#startPlanAction`, path, [ids.other, {}, FORM], {
      title: `matrix start ${run}`,
      reviewDate: "2027-06-01",
    });
    expect((await open()).version, "nothing was saved").toBe(version);
    await expect(coordinator.getByText(new RegExp(`matrix .* ${run}`))).toHaveCount(0);
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/care-plan`);
    await expect(coordinator2.getByText(`matrix start ${run}`)).toHaveCount(0);

    // The same call from the coordinator does take effect; then nobody else can edit or remove it.
    await call("coordinator", browser, `${FILE}#addPlanItemAction`, path, [planId, "problem", {}, FORM], {
      description: `matrix problem ${run}`,
      version,
    });
    const added = await open();
    const item = coordinator.locator("li[id^='problem-']").filter({ hasText: `matrix problem ${run}` });
    const itemId = (await item.getAttribute("id"))!.replace("problem-", "");
    for (const role of outsiders) {
      await call(role, browser, `${FILE}#editPlanItemAction`, path, [planId, "problem", itemId, {}, FORM], {
        description: `matrix edited ${run}`,
        version: added.version,
      });
      await call(role, browser, `${FILE}#removePlanItemAction`, path, [planId, "problem", itemId, {}, FORM], {
        version: added.version,
      });
    }
    expect((await open()).version).toBe(added.version);
    await expect(item).toBeVisible();
    await call(
      "coordinator",
      browser,
      `${FILE}#removePlanItemAction`,
      path,
      [planId, "problem", itemId, {}, FORM],
      {
        version: added.version,
      },
    );
    await open();
    await expect(item).toHaveCount(0);
  });

  test("concern actions: only the patient's advocate records and moves concerns", async ({ browser }) => {
    const FILE = "app/(portal)/patients/[id]/concerns/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        await call(
          role,
          browser,
          `${FILE}#intakeConcernAction`,
          `/patients/${patient}/concerns`,
          [patient, {}, FORM],
          {
            raisedBy: "patient",
            category: "other",
            severity: "low",
            whatHappened: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            desiredOutcome: "matrix outcome",
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/concerns`);
    for (const role of roles) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/concerns`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);

    // The advocate's own new concern, attacked through every other action by everyone else.
    const href = await advocate
      .getByRole("row")
      .filter({ hasText: `matrix advocate own ${run}` })
      .getByRole("link")
      .getAttribute("href");
    const concernId = href!.split("/").at(-1)!;
    await advocate.goto(href!);
    const version = await advocate.locator('input[name="version"]').first().inputValue();
    const path = `/patients/${ids.own}/concerns/${concernId}`;
    const attempts: [string, unknown[], Record<string, string>][] = [
      [
        "transitionConcernAction",
        [concernId, "acknowledged", {}, FORM],
        { note: `matrix note ${run}`, version },
      ],
      [
        "interimNoticeAction",
        [concernId, {}, FORM],
        { expectedBy: "2099-01-01", message: `matrix interim ${run}`, version },
      ],
      ["confidentialAction", [concernId, {}, FORM], { confidential: "on", version }],
      ["assignConcernAction", [concernId, {}, FORM], { advocateId: ids.staffUser, version }],
      [
        "resolveConcernAction",
        [concernId, {}, FORM],
        {
          responseContact: "matrix contact",
          responseSteps: "matrix steps taken",
          responseResults: "matrix results found",
          responseCompletedOn: orgDate(),
          version,
        },
      ],
    ];
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[]) {
      for (const [name, args, form] of attempts)
        await call(role, browser, `${FILE}#${name}`, path, args, form);
    }
    await advocate.reload();
    await expect(advocate.getByRole("heading", { name: "Other: Open" })).toBeVisible();
    expect(await advocate.locator('input[name="version"]').first().inputValue()).toBe(version);
    await expect(advocate.getByText(new RegExp(`matrix (note|interim) ${run}`))).toHaveCount(0);
    // The same move from the advocate does take effect.
    await call(
      "advocate",
      browser,
      `${FILE}#transitionConcernAction`,
      path,
      [concernId, "acknowledged", {}, FORM],
      {
        note: `matrix note ${run}`,
        version,
      },
    );
    await advocate.reload();
    await expect(advocate.getByRole("heading", { name: "Other: Acknowledged" })).toBeVisible();
  });

  test("savePreferencesAction: only the advocate and the patient themself write what matters", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/preferences/actions.ts";
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    const version = async () => {
      await advocate.goto(`/patients/${ids.own}/preferences`);
      return advocate.locator('input[name="version"]').inputValue();
    };
    const before = await version();
    const save = (role: MatrixRole, patient: string, v: string) =>
      call(
        role,
        browser,
        `${FILE}#savePreferencesAction`,
        `/patients/${patient}/preferences`,
        [patient, {}, FORM],
        {
          whatMattersMost: `matrix ${role} ${run}`,
          version: v,
        },
      );
    for (const role of ["admin", "coordinator", "family", "anonymous"] as MatrixRole[])
      await save(role, ids.own, before);
    await save("advocate", ids.other, "0");
    await save("patient", ids.other, "0");
    expect(await version()).toBe(before);
    await expect(advocate.getByText(new RegExp(`matrix .* ${run}`))).toHaveCount(0);
    // The patient's own save and then the advocate's do take effect.
    await save("patient", ids.own, before);
    const afterPatient = await version();
    expect(afterPatient).toBe(String(Number(before) + 1));
    await save("advocate", ids.own, afterPatient);
    expect(await version()).toBe(String(Number(before) + 2));
    await expect(advocate.getByRole("region", { name: "Who changed what" })).toContainText(
      `matrix advocate ${run}`,
    );
  });

  test("representation log actions: only the patient's advocate logs and completes follow-ups", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/advocacy/actions.ts";
    const today = orgDate();
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        await call(
          role,
          browser,
          `${FILE}#logInteractionAction`,
          `/patients/${patient}/advocacy`,
          [patient, {}, FORM],
          {
            counterpartType: "insurer",
            organisation: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
            occurredOn: today,
            channel: "phone",
            asked: "matrix asked",
            followUpOn: orgDate(30),
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/advocacy`);
    for (const role of roles) {
      const shown = advocate.getByRole("heading", { name: `Insurer: matrix ${role} own ${run}` });
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    const entry = advocate
      .locator("li[id^='interaction-']")
      .filter({ hasText: `matrix advocate own ${run}` });
    const interactionId = (await entry.getAttribute("id"))!.replace("interaction-", "");
    const done = (role: MatrixRole) =>
      call(
        role,
        browser,
        `${FILE}#completeFollowUpAction`,
        `/patients/${ids.own}/advocacy`,
        [interactionId, {}, FORM],
        {
          version: "1",
        },
      );
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[])
      await done(role);
    await advocate.reload();
    await expect(entry.getByRole("button", { name: "Mark follow-up done" })).toBeVisible();
    await done("advocate");
    await advocate.reload();
    await expect(entry.getByRole("button", { name: "Mark follow-up done" })).toHaveCount(0);
  });

  test("resource actions: only advocates maintain the library and give resources to their patients", async ({
    browser,
  }) => {
    const LIBRARY = "app/(portal)/resources/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles)
      await call(role, browser, `${LIBRARY}#addResourceAction`, "/resources", [{}, FORM], {
        title: `matrix resource ${role} ${run}`,
        category: "other",
        summary: "A matrix resource summary long enough to pass.",
        language: "en",
      });
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto("/resources");
    for (const role of roles) {
      const shown = advocate.getByRole("heading", { name: new RegExp(`matrix resource ${role} ${run}`) });
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const archive = advocate.locator("form").filter({ hasText: `Archive “matrix resource advocate ${run}”` });
    await expect(archive).toHaveCount(1);
    // Give it to the own patient: only the advocate; archive it: only the advocate.
    await advocate.goto(`/patients/${ids.own}/advocacy`);
    const resourceId = await advocate
      .getByRole("combobox", { name: "Resource" })
      .locator("option", { hasText: `matrix resource advocate ${run}` })
      .getAttribute("value");
    const GIVE = "app/(portal)/patients/[id]/advocacy/actions.ts";
    for (const role of roles)
      await call(
        role,
        browser,
        `${GIVE}#giveResourceAction`,
        `/patients/${ids.own}/advocacy`,
        [ids.own, {}, FORM],
        {
          resourceId: resourceId!,
          note: `matrix given ${role} ${run}`,
        },
      );
    await advocate.reload();
    for (const role of roles) {
      const shown = advocate.getByText(`matrix given ${role} ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[])
      await call(role, browser, `${LIBRARY}#archiveResourceAction`, "/resources", [resourceId, {}, FORM], {});
    await advocate.goto("/resources");
    await expect(
      advocate.getByRole("heading", { name: new RegExp(`matrix resource advocate ${run}`) }),
    ).toHaveCount(1);
    await call(
      "advocate",
      browser,
      `${LIBRARY}#archiveResourceAction`,
      "/resources",
      [resourceId, {}, FORM],
      {},
    );
    await advocate.reload();
    await expect(
      advocate.getByRole("heading", { name: new RegExp(`matrix resource advocate ${run}`) }),
    ).toHaveCount(0);
  });

  test("rights request actions: only the patient's advocate records and decides requests", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/rights-requests/actions.ts";
    const today = orgDate();
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        await call(
          role,
          browser,
          `${FILE}#fileRightsRequestAction`,
          `/patients/${patient}/rights-requests`,
          [patient, {}, FORM],
          {
            type: "access",
            receivedOn: today,
            details: `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`,
          },
        );
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/rights-requests`);
    for (const role of roles) {
      const shown = advocate.getByText(`matrix ${role} own ${run}`);
      if (role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    const card = advocate.locator("li[id^='request-']").filter({ hasText: `matrix advocate own ${run}` });
    const requestId = (await card.getAttribute("id"))!.replace("request-", "");
    const version = await card.locator('input[name="version"]').first().inputValue();
    const path = `/patients/${ids.own}/rights-requests`;
    for (const role of ["admin", "coordinator", "patient", "family", "anonymous"] as MatrixRole[]) {
      await call(role, browser, `${FILE}#decideRightsRequestAction`, path, [requestId, {}, FORM], {
        decision: "granted",
        decidedOn: today,
        version,
      });
      await call(role, browser, `${FILE}#extendRightsRequestAction`, path, [requestId, {}, FORM], {
        reason: "matrix extension reason",
        notifiedOn: today,
        version,
      });
    }
    await advocate.reload();
    await expect(card).not.toContainText("Granted on");
    await expect(card).not.toContainText("(extended)");
    await call("advocate", browser, `${FILE}#decideRightsRequestAction`, path, [requestId, {}, FORM], {
      decision: "granted",
      decidedOn: today,
      version,
    });
    await advocate.reload();
    await expect(card).toContainText("Granted on");
  });

  test("disclosure actions: the patient's staff keep the log, only the advocate produces an accounting", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/patients/[id]/disclosures/actions.ts";
    const today = orgDate();
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/disclosures`);
    const accountingsBefore = await advocate.getByRole("link", { name: /^Accounting of / }).count();
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        const who = `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`;
        await call(
          role,
          browser,
          `${FILE}#recordDisclosureAction`,
          `/patients/${patient}/disclosures`,
          [patient, {}, FORM],
          {
            disclosedOn: today,
            recipient: who,
            description: "matrix description",
            purpose: "matrix purpose",
          },
        );
        await call(
          role,
          browser,
          `${FILE}#produceAccountingAction`,
          `/patients/${patient}/disclosures`,
          [patient, {}, FORM],
          {
            periodFrom: today,
          },
        );
      }
    }
    await advocate.reload();
    for (const role of roles) {
      const shown = advocate.getByRole("heading", { name: `matrix ${role} own ${run}` });
      if (role === "coordinator" || role === "advocate") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await expect(advocate.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    expect(
      await advocate.getByRole("link", { name: /^Accounting of / }).count(),
      "the advocate's accounting, and not the coordinator's nor anyone else's",
    ).toBe(accountingsBefore + 1);
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/disclosures`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    await expect(coordinator2.getByRole("link", { name: /^Accounting of / })).toHaveCount(0);

    const card = advocate.locator("li[id^='disclosure-']").filter({ hasText: `matrix advocate own ${run}` });
    const disclosureId = (await card.getAttribute("id"))!.replace("disclosure-", "");
    const path = `/patients/${ids.own}/disclosures`;
    for (const role of ["admin", "patient", "family", "anonymous"] as MatrixRole[])
      await call(role, browser, `${FILE}#voidDisclosureAction`, path, [disclosureId, {}, FORM], {
        reason: "matrix says void",
      });
    await advocate.reload();
    await expect(card).not.toContainText("Voided");
    await call("coordinator", browser, `${FILE}#voidDisclosureAction`, path, [disclosureId, {}, FORM], {
      reason: "matrix says void",
    });
    await advocate.reload();
    await expect(card).toContainText("matrix says void");
  });

  test("portal actions: the patient raises concerns and files requests; family raise concerns when allowed", async ({
    browser,
  }) => {
    const FILE = "app/(portal)/me/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles) {
      for (const patient of [ids.own, ids.other]) {
        const who = `matrix ${role} ${patient === ids.own ? "own" : "other"} ${run}`;
        await call(role, browser, `${FILE}#raiseConcernAction`, "/me/concerns/new", [patient, {}, FORM], {
          category: "other",
          whatHappened: `${who} concern`,
          desiredOutcome: "matrix outcome",
        });
        await call(role, browser, `${FILE}#fileRightsAction`, "/me/rights", [patient, {}, FORM], {
          type: "access",
          details: `${who} request`,
        });
      }
    }
    const advocate = await (await browser.newContext({ storageState: storageFor("advocate") })).newPage();
    await advocate.goto(`/patients/${ids.own}/concerns`);
    for (const role of roles) {
      const shown = advocate.getByText(`matrix ${role} own ${run} concern`);
      if (role === "patient" || role === "family") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    await advocate.goto(`/patients/${ids.own}/rights-requests`);
    for (const role of roles) {
      const shown = advocate.getByText(`matrix ${role} own ${run} request`);
      if (role === "patient") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    const coordinator2 = await (
      await browser.newContext({ storageState: storageFor("coordinator2") })
    ).newPage();
    await coordinator2.goto(`/patients/${ids.other}/concerns`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
    await coordinator2.goto(`/patients/${ids.other}/rights-requests`);
    await expect(coordinator2.getByText(new RegExp(`matrix .* other ${run}`))).toHaveCount(0);
  });

  test("family actions: only the patient invites, withdraws and stops sharing", async ({ browser }) => {
    const FILE = "app/(portal)/me/family/actions.ts";
    const roles = [...ROLES, "anonymous"] as MatrixRole[];
    for (const role of roles)
      await call(role, browser, `${FILE}#inviteFamilyAction`, "/me/family", [{}, FORM], {
        email: `matrix-${role}-${run}@example.org`,
        relationship: "friend",
        canViewTimeline: "on",
      });
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me/family");
    for (const role of roles) {
      const shown = patient.getByText(`matrix-${role}-${run}@example.org`, { exact: true });
      if (role === "patient") await expect(shown).toHaveCount(1);
      else await expect(shown).toHaveCount(0);
    }
    // Stopping someone's access or withdrawing an invitation is the patient's alone: nobody else's
    // call takes Lucia's access away.
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[]) {
      for (const name of ["revokeFamilyAction", "withdrawInvitationAction"])
        expect(
          (
            await call(
              role,
              browser,
              `${FILE}#${name}`,
              "/me/family",
              ["00000000-0000-4000-8000-000000000000", {}],
              {},
            )
          ).status(),
        ).not.toBe(500);
    }
    await patient.reload();
    await expect(patient.getByRole("heading", { name: /Lucia Alvarez/ })).toBeVisible();
    const family = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
    await family.goto("/me");
    await expect(family.getByRole("heading", { name: /Maria Alvarez/ })).toBeVisible();
  });

  test("savePortalPreferencesAction: only the patient writes their own words", async ({ browser }) => {
    const FILE = "app/(portal)/me/preferences/actions.ts";
    const patient = await (await browser.newContext({ storageState: storageFor("patient") })).newPage();
    await patient.goto("/me/preferences");
    const version = await patient.locator('input[name="version"]').inputValue();
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[])
      await call(role, browser, `${FILE}#savePortalPreferencesAction`, "/me/preferences", [{}, FORM], {
        whatMattersMost: `portal prefs ${role} ${run}`,
        version,
      });
    await patient.reload();
    // (The advocate's own preferences action, tested above, may write here legitimately.)
    await expect(patient.getByText(new RegExp(`portal prefs .* ${run}`))).toHaveCount(0);
    // The same call from the patient takes effect: the test can tell the difference.
    await call("patient", browser, `${FILE}#savePortalPreferencesAction`, "/me/preferences", [{}, FORM], {
      whatMattersMost: `portal prefs patient ${run}`,
      version: await patient.locator('input[name="version"]').inputValue(),
    });
    await patient.reload();
    await expect(patient.getByText(`portal prefs patient ${run}`)).toHaveCount(1);
  });

  test("appointment change requests: only the patient asks; only the coordinator closes", async ({
    browser,
  }) => {
    const ASK = "app/(portal)/me/appointments/[appointmentId]/actions.ts#requestChangeAction";
    for (const role of ["admin", "coordinator", "advocate", "family", "anonymous"] as MatrixRole[])
      await call(role, browser, ASK, `/me/appointments/${ids.appointment}`, [ids.appointment, {}, FORM], {
        kind: "cancel",
        reason: `matrix change ${role} ${run}`,
      });
    const coordinator = await (
      await browser.newContext({ storageState: storageFor("coordinator") })
    ).newPage();
    await coordinator.goto(`/patients/${ids.own}/appointments`);
    await expect(coordinator.getByText(new RegExp(`matrix change .* ${run}`))).toHaveCount(0);
    // The patient's own call takes effect, and only the coordinator can close it.
    await call("patient", browser, ASK, `/me/appointments/${ids.appointment}`, [ids.appointment, {}, FORM], {
      kind: "cancel",
      reason: `matrix change patient ${run}`,
    });
    await coordinator.reload();
    await expect(coordinator.getByText(`“matrix change patient ${run}”`)).toHaveCount(1);
  });
});
