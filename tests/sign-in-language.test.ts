import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SignInSchema, signInSchema } from "@/lib/auth/credentials";
import { firstLanguage, localeBeforeSignIn } from "@/lib/i18n/locale-before-sign-in";
import { endedNotice, failureMessage, SIGN_IN_WORDS } from "@/lib/i18n/sign-in";

describe("the sign-in page's language: the switch's cookie, else the browser's first language", () => {
  it("takes the browser's first language when no cookie was set", () => {
    expect(localeBeforeSignIn(undefined, "es-US,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeBeforeSignIn(undefined, "es")).toBe("es");
    expect(localeBeforeSignIn(undefined, "ES-419")).toBe("es");
    // The control: English first, Spanish second stays English.
    expect(localeBeforeSignIn(undefined, "en-US,en;q=0.9,es;q=0.8")).toBe("en");
  });

  it("the cookie wins over the browser, both ways", () => {
    expect(localeBeforeSignIn("en", "es-MX,es;q=0.9")).toBe("en");
    expect(localeBeforeSignIn("es", "en-US,en;q=0.9")).toBe("es");
  });

  it("ignores a cookie that is not a language the portal speaks", () => {
    expect(localeBeforeSignIn("fr", "es-MX")).toBe("es");
    expect(localeBeforeSignIn("es-MX", "en-US")).toBe("en");
    expect(localeBeforeSignIn("", null)).toBe("en");
  });

  it("is English without a header, with an empty one, or with one it cannot read", () => {
    expect(localeBeforeSignIn(undefined, null)).toBe("en");
    expect(localeBeforeSignIn(undefined, "")).toBe("en");
    expect(localeBeforeSignIn(undefined, "*")).toBe("en");
    expect(localeBeforeSignIn(undefined, ";;,,")).toBe("en");
  });

  it("orders by quality, not by position, and skips what the browser refuses", () => {
    expect(firstLanguage("en;q=0.5, es;q=0.9")).toBe("es");
    expect(localeBeforeSignIn(undefined, "en;q=0.5, es;q=0.9")).toBe("es");
    // Equal qualities: the earlier one.
    expect(firstLanguage("en-GB;q=0.8, es;q=0.8")).toBe("en-gb");
    // q=0 means "not this one".
    expect(localeBeforeSignIn(undefined, "es;q=0, en;q=0.1")).toBe("en");
    // A quality that is not one is skipped, not read as 1.
    expect(firstLanguage("es;q=abc, en;q=0.2")).toBe("en");
    expect(firstLanguage("es;q=2, en;q=0.2")).toBe("en");
  });

  it("Spanish is 'es' or 'es-…', not any tag that begins with the letters", () => {
    // Central Yupik and Estonian.
    expect(localeBeforeSignIn(undefined, "esu")).toBe("en");
    expect(localeBeforeSignIn(undefined, "et-EE,es;q=0.5")).toBe("en");
  });
});

describe("the sign-in page's words", () => {
  it("every Spanish word is there and is not the English one", () => {
    const en = SIGN_IN_WORDS.en;
    const es = SIGN_IN_WORDS.es;
    for (const group of ["notices", "failures", "fields"] as const) {
      expect(Object.keys(es[group]).sort()).toEqual(Object.keys(en[group]).sort());
      for (const [key, value] of Object.entries(es[group])) {
        expect(value, `${group}.${key}`).not.toBe((en[group] as Record<string, string>)[key]);
        expect(value.length, `${group}.${key}`).toBeGreaterThan(0);
      }
    }
    expect(es.sso.unavailable("Okta")).toContain("Okta");
    expect(es.sso.unavailable("Okta")).not.toBe(en.sso.unavailable("Okta"));
  });

  it("a notice only for a reason the page knows, never one from the object's prototype", () => {
    expect(endedNotice(SIGN_IN_WORDS.es, "sign-out")).toBe("Cerró su sesión.");
    expect(endedNotice(SIGN_IN_WORDS.en, "idle")).toBe(
      "You were signed out after a period of inactivity. Sign in again to continue.",
    );
    expect(endedNotice(SIGN_IN_WORDS.en, "constructor")).toBeUndefined();
    expect(endedNotice(SIGN_IN_WORDS.en, "toString")).toBeUndefined();
    expect(endedNotice(SIGN_IN_WORDS.en, undefined)).toBeUndefined();
  });

  it("a refusal the page has no words for reads as a wrong password", () => {
    // Auth.js's CredentialsSignin carries the code "credentials" unless ours set one.
    expect(failureMessage(SIGN_IN_WORDS.es, "credentials")).toBe(SIGN_IN_WORDS.es.failures.invalid);
    expect(failureMessage(SIGN_IN_WORDS.es, "__proto__")).toBe(SIGN_IN_WORDS.es.failures.invalid);
    expect(failureMessage(SIGN_IN_WORDS.es, "locked")).toBe(SIGN_IN_WORDS.es.failures.locked);
    expect(failureMessage(SIGN_IN_WORDS.en, "throttled")).toBe(
      "Too many attempts from this network. Wait 15 minutes and try again.",
    );
  });
});

describe("SignInSchema in the page's language", () => {
  const empty = { email: "", password: "" };

  it("the English schema keeps the messages the e2e specs look for", () => {
    const result = SignInSchema.safeParse(empty);
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      email: ["Enter your email address."],
      password: ["Enter your password."],
    });
  });

  it("the Spanish schema says the same in Spanish, and accepts what the English one accepts", () => {
    const spanish = signInSchema(SIGN_IN_WORDS.es.fields);
    const result = spanish.safeParse(empty);
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      email: ["Escriba su correo electrónico."],
      password: ["Escriba su contraseña."],
    });
    const shape = spanish.safeParse({ email: "maria", password: "x" });
    expect(z.flattenError(shape.error!).fieldErrors.email).toEqual([
      "Escriba un correo electrónico como nombre@ejemplo.org.",
    ]);
    // The positive control: a good pair parses, trimmed and lower-cased, in either language.
    const good = { email: " Maria@Example.org ", password: "secret" };
    expect(spanish.parse(good)).toEqual({ email: "maria@example.org", password: "secret" });
    expect(SignInSchema.parse(good)).toEqual(spanish.parse(good));
  });
});
