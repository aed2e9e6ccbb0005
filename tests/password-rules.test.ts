import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { authenticate } from "@/lib/auth/credentials";
import { isPredictablePassword, NewPasswordSchema } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import { acceptSchema } from "@/lib/family";
import { MESSAGES } from "@/lib/i18n/messages";
import { resetUserPassword } from "@/lib/users";
import { actorFor, createUser, TEST_PASSWORD } from "./support/factories";

const PREDICTABLE = "That password repeats or runs in sequence (like aaaa or 1234). Choose another.";

describe("one set of rules for every new password", () => {
  it("refuses repeated and sequential passwords, and keeps accepting ordinary ones", () => {
    for (const p of ["aaaaaaaaaaaa", "abababababab", "bridgebridgebridge", "abcdefghijklm", "ZYXWVUTSRQPO"]) {
      expect(isPredictablePassword(p), p).toBe(true);
      expect(
        NewPasswordSchema.safeParse(p).error?.issues.map((i) => i.message),
        p,
      ).toEqual([PREDICTABLE]);
    }
    for (const p of [
      "all lower case words here",
      "Carebridge-demo-2026",
      "correct horse battery staple 42",
    ]) {
      expect(isPredictablePassword(p), p).toBe(false);
      expect(NewPasswordSchema.safeParse(p).success, p).toBe(true);
    }
  });

  it("holds for an invitation accepted, in the invitee's language", () => {
    const refused = acceptSchema(MESSAGES.es).safeParse({ name: "Ana", password: "aaaaaaaaaaaa" });
    expect(refused.error?.issues.map((i) => i.message)).toEqual([
      MESSAGES.es.family.errors.passwordPredictable,
    ]);
    expect(
      acceptSchema(MESSAGES.es).safeParse({ name: "Ana", password: "una frase larga 2026" }).success,
    ).toBe(true);
  });
});

describe("an admin's password reset", () => {
  it("refuses aaaaaaaaaaaa on the password field, changes nothing and ends no session", async () => {
    const admin = actorFor(await createUser("admin"));
    const target = await createUser("coordinator");
    const before = await authenticate({
      email: target.email,
      password: TEST_PASSWORD,
      ipAddress: "10.9.0.1",
    });
    expect(before.ok).toBe(true);
    const error = await resetUserPassword(admin, target.id, "aaaaaaaaaaaa").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors).toEqual({ password: [PREDICTABLE] });
    expect(
      await authenticate({ email: target.email, password: "aaaaaaaaaaaa", ipAddress: "10.9.0.2" }),
    ).toEqual({ ok: false, reason: "invalid" });
    const audited = await db().select().from(auditEvents).where(eq(auditEvents.entityId, target.id));
    expect(audited.map((e) => e.action)).not.toContain("user.password-reset");
  });

  it("refuses a short one and a missing one with their messages", async () => {
    const admin = actorFor(await createUser("admin"));
    const target = await createUser("advocate");
    for (const [password, message] of [
      ["short", "Use at least 12 characters."],
      [null, "Use at least 12 characters."],
      ["password1234", "That password is on a list of common or breached passwords. Choose another."],
    ] as const) {
      const error = await resetUserPassword(admin, target.id, password).catch((e: unknown) => e);
      expect((error as DomainError).fieldErrors, String(password)).toEqual({ password: [message] });
    }
  });

  it("sets a good password: the new one signs in, the old one no longer does", async () => {
    const admin = actorFor(await createUser("admin"));
    const target = await createUser("coordinator");
    await resetUserPassword(admin, target.id, "a quite different passphrase");
    expect(
      (
        await authenticate({
          email: target.email,
          password: "a quite different passphrase",
          ipAddress: "10.9.0.3",
        })
      ).ok,
    ).toBe(true);
    expect(
      await authenticate({ email: target.email, password: TEST_PASSWORD, ipAddress: "10.9.0.4" }),
    ).toEqual({ ok: false, reason: "invalid" });
  });

  it("asks the permission before it looks at the password", async () => {
    const coordinator = actorFor(await createUser("coordinator"));
    const target = await createUser("advocate");
    const error = await resetUserPassword(coordinator, target.id, "aaaaaaaaaaaa").catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as Error).name).toBe("NotFoundError");
  });
});
