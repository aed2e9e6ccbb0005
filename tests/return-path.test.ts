import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

describe("where signing in comes back to: a path on this site, or home", () => {
  it("keeps a page of this site with its query", () => {
    expect(safeReturnPath("/patients/abc?tab=x")).toBe("/patients/abc?tab=x");
    expect(safeReturnPath("/me")).toBe("/me");
    // The fragment never reaches the server anyway; it is dropped rather than carried.
    expect(safeReturnPath("/patients/abc#plan")).toBe("/patients/abc");
  });

  it("refuses another host however it is spelt", () => {
    expect(safeReturnPath("//evil.example")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
    expect(safeReturnPath("https:evil.example")).toBe("/");
    expect(safeReturnPath("evil.example/patients")).toBe("/");
    // Dot segments resolve to "//evil.example", a host to a browser: checked after parsing.
    expect(safeReturnPath("/.//evil.example")).toBe("/");
    expect(safeReturnPath("/a/..//evil.example")).toBe("/");
    expect(safeReturnPath("/%2e%2e//evil.example")).toBe("/");
  });

  it("keeps encoded slashes encoded: one segment of this site, not a host", () => {
    // A browser resolves "Location: /%2F%2Fevil" against this origin: the path "/%2F%2Fevil" here,
    // a 404. Neither the URL parser nor the browser turns %2F into a separator.
    expect(safeReturnPath("/%2F%2Fevil")).toBe("/%2F%2Fevil");
    expect(new URL(safeReturnPath("/%2F%2Fevil"), "https://carebridge.example").host).toBe(
      "carebridge.example",
    );
    expect(safeReturnPath("/%5Cevil.example")).toBe("/%5Cevil.example");
  });

  it("refuses schemes", () => {
    expect(safeReturnPath("javascript:alert(1)")).toBe("/");
    expect(safeReturnPath("data:text/html,hi")).toBe("/");
  });

  it("refuses the sign-in pages and the API, so signing in never lands on them", () => {
    expect(safeReturnPath("/login")).toBe("/");
    expect(safeReturnPath("/login?ended=idle")).toBe("/");
    expect(safeReturnPath("/login/second-factor")).toBe("/");
    expect(safeReturnPath("/api/auth/signout")).toBe("/");
    expect(safeReturnPath("/api/session/status")).toBe("/");
    // Next decodes the path before routing it.
    expect(safeReturnPath("/%6Cogin")).toBe("/");
    expect(safeReturnPath("/%E0%A4%A")).toBe("/");
    // The positive control: pages that only begin with the same letters are pages.
    expect(safeReturnPath("/login-help")).toBe("/login-help");
    expect(safeReturnPath("/apiary")).toBe("/apiary");
  });

  it("refuses control characters, which the URL parser would quietly drop", () => {
    expect(safeReturnPath("/\t/evil.example")).toBe("/");
    expect(safeReturnPath("/pat\nients")).toBe("/");
    expect(safeReturnPath("/patients\u0000")).toBe("/");
    expect(safeReturnPath("/patients\u007f")).toBe("/");
  });

  it("refuses more than 512 characters, and anything that is not a string", () => {
    const long = `/patients?q=${"a".repeat(500)}`;
    expect(long.length).toBe(512);
    expect(safeReturnPath(long)).toBe(long);
    expect(safeReturnPath(`${long}a`)).toBe("/");
    for (const value of [undefined, null, 42, ["/me"], { toString: () => "/me" }, new File([], "/me"), ""])
      expect(safeReturnPath(value)).toBe("/");
  });
});
