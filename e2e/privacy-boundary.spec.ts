import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { DEMO_PRIVATE_PHONE } from "../db/seed";
import { actionBody, actionIds, FORM, OWN_MRN, patientIdFor, storageFor } from "./support";

/**
 * The privacy boundary as Maria's daughter would try it (family@: timeline and concerns shared,
 * requests not): the staff pages are 404, and Maria's confidential-communications request, with
 * the private number it names, reaches her in no page, in the HTML or the RSC payload.
 */
async function requestFor(browser: Browser, account: "family" | "patient" | "admin" | "coordinator") {
  const context = await browser.newContext({ storageState: storageFor(account) });
  return context.request;
}

let patientId: string;

test.beforeAll(async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  patientId = await patientIdFor(page, OWN_MRN);
  await page.context().close();
});

/** The page's HTML and its RSC payload, both as a client can ask for them. */
async function bothPayloads(request: APIRequestContext, path: string) {
  const html = await request.get(path, { maxRedirects: 0 });
  const rsc = await request.get(path, { headers: { RSC: "1" }, maxRedirects: 0 });
  return [
    { kind: "HTML", status: html.status(), body: await html.text() },
    { kind: "RSC", status: rsc.status(), body: await rsc.text() },
  ];
}

test.describe("the portal's privacy boundary", () => {
  test("family never see the confidential-communications request or its number; the patient does @smoke", async ({
    browser,
  }) => {
    const family = await requestFor(browser, "family");
    const portal = ["/me", "/me?kind=rights", "/me?kind=concern", "/me/preferences", "/me/concerns/new"];
    for (const path of portal.map((p) => `${p}${p.includes("?") ? "&" : "?"}patient=${patientId}`)) {
      for (const r of await bothPayloads(family, path)) {
        expect(r.status, `${r.kind} ${path}`).toBe(200);
        expect(r.body, `${r.kind} ${path}`).not.toContain(DEMO_PRIVATE_PHONE);
      }
    }
    // Requests were not shared with her, and the staff pages are not hers at all.
    const shut = [
      `/me/rights?patient=${patientId}`,
      `/patients/${patientId}`,
      `/patients/${patientId}/rights-requests`,
      `/patients/${patientId}/concerns`,
    ];
    for (const path of shut) {
      for (const r of await bothPayloads(family, path)) {
        expect(r.status, `${r.kind} ${path}`).toBe(404);
        expect(r.body, `${r.kind} ${path}`).not.toContain(DEMO_PRIVATE_PHONE);
      }
    }
    // Positive control: Maria herself reads her request and its number in her portal.
    const patient = await requestFor(browser, "patient");
    const own = await patient.get("/me/rights");
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain(DEMO_PRIVATE_PHONE);
    // ...and not on the staff page either: the portal is the only way in for her too.
    expect((await patient.get(`/patients/${patientId}/rights-requests`, { maxRedirects: 0 })).status()).toBe(
      404,
    );
  });

  test("family pages speak about the patient and say whose record it is", async ({ browser }) => {
    const page = await (await browser.newContext({ storageState: storageFor("family") })).newPage();
    await page.goto(`/me?patient=${patientId}`);
    await expect(
      page.getByText(/You are viewing Maria \S+'s record\.|Está viendo el expediente de Maria \S+\./),
    ).toBeVisible();
    await expect(
      page.getByRole("heading", { name: /Maria's care plan|Plan de atención de Maria/ }),
    ).toBeVisible();
    await page.getByRole("link", { name: /What matters to Maria|Lo que le importa a Maria/ }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: /What matters to Maria|Lo que le importa a Maria/ }),
    ).toBeVisible();
  });

  test("a refusal is audited as access.denied by page, route handler and action, and is still a 404", async ({
    browser,
  }) => {
    const family = await requestFor(browser, "family");
    const pagePath = `/patients/${patientId}/rights-requests`;
    expect((await family.get(pagePath, { maxRedirects: 0 })).status()).toBe(404);
    expect((await family.get("/reports/csv?table=concerns-by-category", { maxRedirects: 0 })).status()).toBe(
      404,
    );
    const id = actionIds()["app/(portal)/patients/[id]/updates/actions.ts#createUpdateAction"];
    expect(id, "the action is in the build").toBeTruthy();
    const action = await family.post(`/patients/${patientId}/updates`, {
      headers: { "Next-Action": id!, Accept: "text/x-component" },
      multipart: actionBody([patientId, {}, FORM], { title: "Not hers to write", progress: "x" }),
      maxRedirects: 0,
    });
    expect(action.status()).toBe(404);

    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/audit?action=access.denied");
    const rows = admin.getByRole("row");
    await expect(rows.filter({ hasText: pagePath }).first()).toBeVisible();
    await expect(rows.filter({ hasText: "/reports/csv" }).first()).toBeVisible();
    await expect(rows.filter({ hasText: "write:update" }).first()).toBeVisible();
    // The admin's landing page counts them per person.
    await admin.goto("/admin/users");
    const refusals = admin.getByRole("region", { name: "Refused access by user" });
    await expect(refusals.getByRole("link", { name: "Lucia Alvarez" })).toBeVisible();
  });
});
