import { randomUUID } from "node:crypto";
import { type APIRequestContext, type Browser, expect, test } from "@playwright/test";
import { DEMO_PRIVATE_PHONE } from "../db/seed";
import { type AccountKey, actionBody, actionIds, FORM, OWN_MRN, patientIdFor, storageFor } from "./support";

/**
 * The privacy boundary as Maria's daughter would try it (family@: timeline and concerns shared,
 * requests not): the staff pages are 404, and Maria's confidential-communications request, with
 * the private number it names, reaches her in no page, in the HTML or the RSC payload.
 */
async function requestFor(browser: Browser, account: AccountKey) {
  const context = await browser.newContext({ storageState: storageFor(account) });
  return context.request;
}

let patientId: string;

test.beforeAll(async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
  patientId = await patientIdFor(page, OWN_MRN);
  await page.context().close();
});

/**
 * The page's HTML and its RSC payload, both as a client can ask for them. Next answers an RSC
 * request without its cache-busting `_rsc` parameter with one redirect to add it: follow that one.
 */
async function bothPayloads(request: APIRequestContext, path: string) {
  const html = await request.get(path, { maxRedirects: 0 });
  const rsc = await request.get(path, { headers: { RSC: "1" }, maxRedirects: 1 });
  expect(new URL(rsc.url()).pathname, `RSC ${path}`).toBe(new URL(path, "http://x").pathname);
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
        // The RSC payload of a refused page streams the not-found page with a 200 (Next cannot
        // change the status once streaming starts): there, the proof is what is not in it.
        if (r.kind === "HTML") expect(r.status, `${r.kind} ${path}`).toBe(404);
        expect(r.body, `${r.kind} ${path}`).not.toContain(DEMO_PRIVATE_PHONE);
        expect(r.body, `${r.kind} ${path}`).not.toContain(OWN_MRN);
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
    // coordinator2@ works, but Maria is not in their caseload (and reports are the advocates').
    const outsider = await requestFor(browser, "coordinator2");
    const pagePath = `/patients/${patientId}/concerns/${randomUUID()}`;
    expect((await outsider.get(pagePath, { maxRedirects: 0 })).status()).toBe(404);
    expect(
      (await outsider.get("/reports/csv?table=concerns-by-category", { maxRedirects: 0 })).status(),
    ).toBe(404);
    const id = actionIds()["app/(portal)/patients/[id]/updates/actions.ts#createUpdateAction"];
    expect(id, "the action is in the build").toBeTruthy();
    const action = await outsider.post(`/patients/${patientId}/updates`, {
      headers: { "Next-Action": id!, Accept: "text/x-component" },
      multipart: actionBody([patientId, null, {}, FORM], { title: "Not theirs to write", progress: "x" }),
      maxRedirects: 0,
    });
    expect(action.status()).toBe(404);

    const admin = await (await browser.newContext({ storageState: storageFor("admin") })).newPage();
    await admin.goto("/admin/users?q=coordinator2%40");
    const href = await admin
      .getByRole("region", { name: "Accounts" })
      .getByRole("link", { name: "Jordan Blake" })
      .getAttribute("href");
    const userId = href!.split("/").at(-1)!;
    await admin.goto(`/admin/audit?action=access.denied&user=${userId}`);
    const rows = admin.getByRole("row");
    await expect(rows.filter({ hasText: pagePath }).filter({ hasText: "read:concern" })).toHaveCount(1);
    await expect(
      rows.filter({ hasText: "/reports/csv" }).filter({ hasText: "read:reports" }).first(),
    ).toBeVisible();
    await expect(rows.filter({ hasText: "write:update" }).filter({ hasText: id! }).first()).toBeVisible();
    // Positive control: what the coordinator2 may do leaves no refusal (their own caseload's list).
    expect((await outsider.get("/patients", { maxRedirects: 0 })).status()).toBe(200);
    // The admin's landing page counts them per person, and opens them in the trail.
    await admin.goto("/admin/users");
    const refusals = admin.getByRole("region", { name: "Refused access by user" });
    await refusals.getByRole("row").filter({ hasText: "Jordan Blake" }).getByRole("link").click();
    await expect(admin).toHaveURL(new RegExp(`user=${userId}`));
    await expect(rows.filter({ hasText: "access.denied" }).first()).toBeVisible();
  });
});
