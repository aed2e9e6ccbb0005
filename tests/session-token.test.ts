import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { sessionIdFromCookies } from "@/lib/auth/session-token";

const SECRET = "a test secret that is long enough to sign with";
const SID = "0b8f5a8e-7f57-4a43-9a0e-8d0c8e6b7b11";

/** A cookie as Auth.js makes one: the JWT encrypted with a key salted by the cookie's name. */
async function cookie(name: string, token: Record<string, unknown>, secret = SECRET, salt = name) {
  return `${name}=${await encode({ token, secret, salt })}`;
}

describe("the session id, read from the cookie's token rather than from /api/auth/session's body", () => {
  it("reads the id from the plain and the __Secure- cookie", async () => {
    expect(
      await sessionIdFromCookies(await cookie("authjs.session-token", { sub: "u", sid: SID }), SECRET),
    ).toBe(SID);
    const secure = await cookie("__Secure-authjs.session-token", { sub: "u", sid: SID });
    expect(await sessionIdFromCookies(`theme=dark; ${secure}`, SECRET)).toBe(SID);
  });

  it("reads nothing from a forged, re-keyed, mis-salted or id-less token", async () => {
    expect(await sessionIdFromCookies("authjs.session-token=forged.token.value", SECRET)).toBeNull();
    const otherSecret = await cookie(
      "authjs.session-token",
      { sid: SID },
      "another secret, just as long as ours",
    );
    expect(await sessionIdFromCookies(otherSecret, SECRET)).toBeNull();
    const otherSalt = await cookie(
      "authjs.session-token",
      { sid: SID },
      SECRET,
      "__Secure-authjs.session-token",
    );
    expect(await sessionIdFromCookies(otherSalt, SECRET)).toBeNull();
    expect(await sessionIdFromCookies(await cookie("authjs.session-token", { sub: "u" }), SECRET)).toBeNull();
    expect(await sessionIdFromCookies(null, SECRET)).toBeNull();
  });

  it("answers a header read in the last minute without decrypting it again, and nothing else from it", async () => {
    const header = await cookie("authjs.session-token", {
      sid: SID,
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    expect(await sessionIdFromCookies(header, SECRET)).toBe(SID);
    // The same header again: kept (the secret is the same) — and under another secret, decrypted and refused.
    expect(await sessionIdFromCookies(header, SECRET)).toBe(SID);
    expect(await sessionIdFromCookies(header, "another secret, just as long as ours")).toBeNull();
    // A header one character off is not the kept one: it is decrypted, and fails. The character is
    // changed inside the authentication tag, not at its end, whose last base64url character carries
    // padding bits (a changed last character may decode to the same bytes, 1 run in 16), and is
    // always changed (it may already be the character put in).
    const at = header.length - 5;
    const off = `${header.slice(0, at)}${header[at] === "A" ? "B" : "A"}${header.slice(at + 1)}`;
    expect(off).not.toBe(header);
    expect(await sessionIdFromCookies(off, SECRET)).toBeNull();
  });

  it("keeps no answer past the token's own expiry", async () => {
    const header = `authjs.session-token=${await encode({ token: { sid: SID }, secret: SECRET, salt: "authjs.session-token", maxAge: 30 })}`;
    expect(await sessionIdFromCookies(header, SECRET)).toBe(SID);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 50 s on: inside the minute a header is kept, but past the token's expiry and Auth.js's 15 s of tolerance.
      vi.setSystemTime(Date.now() + 50_000);
      expect(await sessionIdFromCookies(header, SECRET)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
