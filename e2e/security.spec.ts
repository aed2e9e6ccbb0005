import { expect, test } from "@playwright/test";
import { OWN_MRN, patientIdFor, storageFor } from "./support";

test.describe("security headers and the proxy bypasses @smoke", () => {
  test("every page carries the security headers and no-store", async ({ browser }) => {
    const { request } = await browser.newContext({ storageState: storageFor("coordinator") });
    for (const path of ["/login", "/dashboard", "/patients"]) {
      const response = await request.get(path);
      const h = response.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(h["cache-control"]).toContain("no-store");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["strict-transport-security"]).toContain("max-age=");
      expect(h["x-powered-by"]).toBeUndefined();
    }
  });

  test("a signed-in page carrying PHI is no-store", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageFor("coordinator") });
    const page = await context.newPage();
    const id = await patientIdFor(page, OWN_MRN);
    const response = await context.request.get(`/patients/${id}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
  });

  test("anonymous requests get nothing, whatever headers or variants they try", async ({
    browser,
    playwright,
  }) => {
    const page = await (await browser.newContext({ storageState: storageFor("coordinator") })).newPage();
    const id = await patientIdFor(page, OWN_MRN);
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const attempts: { path: string; headers: Record<string, string> }[] = [];
    for (const path of [`/patients/${id}`, "/patients", "/admin/audit", "/dashboard"]) {
      attempts.push(
        { path, headers: {} },
        {
          path,
          headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
        },
        { path, headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
        { path, headers: { RSC: "1" } },
        { path, headers: { RSC: "1", "Next-Router-Prefetch": "1" } },
        { path: `${path}.rsc`, headers: { RSC: "1" } },
        { path: `${path}?_rsc=abc`, headers: { RSC: "1", "Next-Router-Segment-Prefetch": "/_tree" } },
      );
    }
    for (const attempt of attempts) {
      const response = await anonymous.get(attempt.path, { headers: attempt.headers, maxRedirects: 0 });
      const body = await response.text();
      expect([303, 307, 404], `${attempt.path} ${JSON.stringify(attempt.headers)}`).toContain(
        response.status(),
      );
      expect(body).not.toContain(OWN_MRN);
      expect(body).not.toContain("Alvarez");
    }
    await anonymous.dispose();
  });

  test("a forged session cookie gets nothing", async ({ playwright }) => {
    const context = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
      extraHTTPHeaders: { Cookie: "authjs.session-token=forged.token.value" },
    });
    const response = await context.get("/patients", { maxRedirects: 0 });
    expect([303, 307]).toContain(response.status());
    expect(response.headers().location).toContain("/login");
    await context.dispose();
  });

  test("a signed-in staff member's RSC and prefetch requests for an out-of-caseload patient get nothing", async ({
    browser,
  }) => {
    const other = await (await browser.newContext({ storageState: storageFor("coordinator2") })).newPage();
    const otherId = await patientIdFor(other, "CB-100002");
    const context = await browser.newContext({ storageState: storageFor("coordinator") });
    const variants: Record<string, string>[] = [{}, { RSC: "1" }, { RSC: "1", "Next-Router-Prefetch": "1" }];
    for (const headers of variants) {
      const response = await context.request.get(`/patients/${otherId}`, { headers, maxRedirects: 0 });
      const body = await response.text();
      expect(body).not.toContain("CB-100002");
    }
  });

  test("an oversized body is refused before it is read", async ({ request }) => {
    const response = await request.post("/login", {
      headers: { "Next-Action": "0".repeat(42) },
      multipart: { _1_email: "a".repeat(300 * 1024), "0": '[{},"$K1"]' },
    });
    expect(response.status()).toBe(413);
  });
});
