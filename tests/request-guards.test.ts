import { describe, expect, it } from "vitest";
import { jsonDepth } from "@/lib/http/action-arguments";
import { isForeignOrigin, MAX_BODY_BYTES, refuseBadRequest } from "@/lib/http/request-guards";

const HOST = "127.0.0.1:3100";
const ACTION = "7f".repeat(21);

/** A body sent chunked: a stream, so no Content-Length. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      const n = Math.min(left, 16 * 1024);
      left -= n;
      if (n > 0) controller.enqueue(new Uint8Array(n).fill(97));
      else controller.close();
    },
  });
}

function post(body: BodyInit | ReadableStream, headers: Record<string, string> = {}, path = "/login") {
  return new Request(`http://${HOST}${path}`, {
    method: "POST",
    body,
    headers: { host: HOST, ...headers },
    duplex: "half",
  } as RequestInit);
}

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("a write from another site", () => {
  it("is foreign when the Origin's host differs from X-Forwarded-Host, else Host, or does not parse", () => {
    const h = (o: Record<string, string>) => new Headers({ host: HOST, ...o });
    expect(isForeignOrigin("POST", h({ origin: "https://evil.example" }))).toBe(true);
    expect(isForeignOrigin("POST", h({ origin: "null" }))).toBe(true);
    expect(isForeignOrigin("POST", h({ origin: "not a url" }))).toBe(true);
    expect(isForeignOrigin("POST", h({ origin: `http://${HOST}` }))).toBe(false);
    expect(
      isForeignOrigin(
        "POST",
        h({ origin: "https://care.example.org", "x-forwarded-host": "care.example.org" }),
      ),
    ).toBe(false);
    expect(isForeignOrigin("POST", h({}))).toBe(false);
    expect(isForeignOrigin("GET", h({ origin: "https://evil.example" }))).toBe(false);
  });

  it("is refused with 403 before its body is read", async () => {
    expect(
      await refuseBadRequest(post("[]", { origin: "https://evil.example", "next-action": ACTION }), "/login"),
    ).toBe(403);
  });
});

describe("a body over the limit", () => {
  it("is 413 by its Content-Length, and by counting when it is sent chunked", async () => {
    const big = new Uint8Array(MAX_BODY_BYTES + 1);
    expect(await refuseBadRequest(post(big, { "content-length": String(big.length) }), "/login")).toBe(413);
    expect(await refuseBadRequest(post(streamed(MAX_BODY_BYTES + 1)), "/api/auth/callback/credentials")).toBe(
      413,
    );
    expect(
      await refuseBadRequest(post(streamed(MAX_BODY_BYTES)), "/api/auth/callback/credentials"),
    ).toBeNull();
  });
});

describe("server action arguments that would not decode", () => {
  it("counts nesting without recursion, ignoring brackets inside strings", () => {
    expect(jsonDepth(deep(20_000))).toBe(20_000);
    expect(jsonDepth('[{"a":"[[[[["}]')).toBe(2);
    expect(jsonDepth('["\\"[["]')).toBe(1);
  });

  it("are 400: not JSON, 20,000 deep, a row of a multipart body, a bound argument of a form", async () => {
    const action = { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" };
    expect(await refuseBadRequest(post("not json", action), "/login")).toBe(400);
    expect(await refuseBadRequest(post(deep(20_000), action), "/login")).toBe(400);
    expect(await refuseBadRequest(post(streamed(10)), "/login")).toBeNull();
    const rows = new FormData();
    rows.append("0", '[{},"$K1"]');
    rows.append("1", "not json");
    expect(await refuseBadRequest(post(rows, { "next-action": ACTION }), "/login")).toBe(400);
    const form = new FormData();
    form.append("$ACTION_REF_1", "");
    form.append("$ACTION_1:1", deep(20_000));
    expect(await refuseBadRequest(post(form), "/patients")).toBe(400);
  });

  it("pass as the browser sends them: a mixed-case boundary is kept as sent", async () => {
    const b = "----WebKitFormBoundaryqZ0KBH1qaSE9mFTw";
    const part = (name: string, value: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = `${part("_1_$ACTION_REF_1", "")}${part("_1_email", "a@b.example")}${part("0", '[{},"$K1"]')}--${b}--\r\n`;
    const headers = { "next-action": ACTION, "content-type": `multipart/form-data; boundary=${b}` };
    expect(await refuseBadRequest(post(body, headers), "/login")).toBeNull();
    const broken = body.replace('[{},"$K1"]', "[{},");
    expect(await refuseBadRequest(post(broken, headers), "/login")).toBe(400);
  });

  it("pass when they decode: the shapes React sends", async () => {
    const action = { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" };
    expect(await refuseBadRequest(post('["$undefined",{"ok":"saved"}]', action), "/login")).toBeNull();
    const rows = new FormData();
    rows.append("0", '["$undefined","$K1"]');
    rows.append("1_email", "not json, and need not be: a form field");
    expect(await refuseBadRequest(post(rows, { "next-action": ACTION }), "/login")).toBeNull();
    const form = new FormData();
    form.append("$ACTION_REF_1", "");
    form.append("$ACTION_1:0", `{"id":"${ACTION}","bound":"$@1"}`);
    form.append("$ACTION_1:1", '["$undefined"]');
    form.append("email", "someone@example.org");
    expect(await refuseBadRequest(post(form), "/login")).toBeNull();
  });
});
