import http from "node:http";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { actionBody, FORM, OWN_MRN, patientIdFor, storageFor } from "./support";

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

/** The sign-in action's id, read from the sign-in page as anyone can: a real action, so Next would decode its arguments. */
async function signInActionId(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/login")).text();
  // The sign-in form is the page's one form with a state (useActionState): its reference names the action.
  const id = /\$ACTION_\d+:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
  if (!id) throw new Error("no server action on /login");
  return id;
}

/** POSTs a body with Transfer-Encoding: chunked (no Content-Length), which the request API cannot send. */
function postChunked(path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<number> {
  const url = new URL(path, test.info().project.use.baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may answer before it has read everything: that is the point.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

test.describe("a bad request is refused for what it is, never a 500", () => {
  test("a server action from another site's page gets a 403 page; from our own, the action runs", async ({
    request,
  }) => {
    const id = await signInActionId(request);
    const form = { email: "nobody@example.org", password: "not the password" };
    const foreign = await request.post("/login", {
      headers: { "Next-Action": id, Origin: "https://evil.example" },
      multipart: actionBody([{}, FORM], form),
    });
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()["content-type"]).toContain("text/html");
    expect(await foreign.text()).toContain("Refused: the request came from another site");
    // The same form posted without JavaScript, as a cross-site <form> would.
    const crossSiteForm = await request.post("/login", {
      headers: { Origin: "null" },
      multipart: {
        $ACTION_REF_1: "",
        "$ACTION_1:0": `{"id":"${id}","bound":"$@1"}`,
        "$ACTION_1:1": "[{}]",
        ...form,
      },
    });
    expect(crossSiteForm.status()).toBe(403);
    const own = await request.post("/login", {
      headers: { "Next-Action": id, Origin: new URL(test.info().project.use.baseURL!).origin },
      multipart: actionBody([{}, FORM], form),
    });
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain("That email and password do not match an account.");
  });

  test("a chunked body over the limit gets 413; a small one reaches the action", async ({ request }) => {
    const id = await signInActionId(request);
    const headers = { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" };
    const big = await postChunked(
      "/login",
      headers,
      Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024, "a")),
    );
    expect(big).toBe(413);
    expect(await postChunked("/login", headers, [Buffer.from('[{},"$K1"]')])).toBe(200);
  });

  test("arguments that do not decode get 400: not JSON, 20,000 deep", async ({ request }) => {
    const id = await signInActionId(request);
    const headers = { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" };
    for (const data of ["not json", `${"[".repeat(20_000)}${"]".repeat(20_000)}`]) {
      const response = await request.post("/login", { headers, data });
      expect(response.status(), data.slice(0, 10)).toBe(400);
    }
    const rows = await request.post("/login", {
      headers: { "Next-Action": id },
      multipart: { "0": '[{},"$K1"]', "1": `${"[".repeat(20_000)}${"]".repeat(20_000)}` },
    });
    expect(rows.status()).toBe(400);
  });

  test("the image optimiser is off: 404, signed in or not", async ({ playwright, browser }) => {
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const path = "/_next/image?url=%2Fme%2Fexport&w=64&q=75";
    expect((await anonymous.get(path, { maxRedirects: 0 })).status()).toBe(404);
    const { request } = await browser.newContext({ storageState: storageFor("patient") });
    const signedIn = await request.get(path, { maxRedirects: 0 });
    expect(signedIn.status()).toBe(404);
    expect(await signedIn.text()).not.toContain("resourceType");
    await anonymous.dispose();
  });
});

test.describe("sessions and addresses", () => {
  test("/api/auth/session says only when the session expires, and the pages still know who is signed in", async ({
    browser,
    playwright,
  }) => {
    const { request } = await browser.newContext({ storageState: storageFor("coordinator") });
    const session = await request.get("/api/auth/session");
    const body = await session.text();
    expect(Object.keys(JSON.parse(body))).toEqual(["expires"]);
    expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(body).not.toContain("sid");
    const dashboard = await request.get("/dashboard", { maxRedirects: 0 });
    expect(dashboard.status()).toBe(200);
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect(await (await anonymous.get("/api/auth/session")).json()).toBeNull();
    await anonymous.dispose();
  });

  test("the address in the audit trail is the socket's, whatever X-Forwarded-For or our own header claim", async ({
    request,
    browser,
  }) => {
    const id = await signInActionId(request);
    const failed = await request.post("/login", {
      headers: { "Next-Action": id, "X-Forwarded-For": "203.0.113.77", "X-Carebridge-Peer": "198.51.100.77" },
      multipart: actionBody([{}, FORM], {
        email: "forged-address@example.org",
        password: "not the password",
      }),
    });
    expect(await failed.text()).toContain("That email and password do not match an account.");
    const admin = await browser.newContext({ storageState: storageFor("admin") });
    const audit = await (await admin.request.get("/admin/audit?action=auth.sign-in-failed")).text();
    expect(audit).toContain("127.0.0.1");
    expect(audit).not.toContain("203.0.113.77");
    expect(audit).not.toContain("198.51.100.77");
  });
});
