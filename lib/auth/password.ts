import { hash, type Options, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// OWASP's argon2id floor: 19 MiB, 2 passes, 1 lane.
// algorithm 2 is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
const ARGON2: Options = {
  algorithm: 2 as Options["algorithm"],
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Whether a password is on the list of common or breached ones. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/**
 * What anyone would try first: a word or group repeated ("aaaaaaaaaaaa", "bridgebridgebridge"), a
 * handful of characters ("abababababba"), or a straight run ("abcdefghijkl", "876543210/.-").
 * NIST 800-63B lists "repetitive or sequential characters" beside breached passwords.
 */
export function isPredictablePassword(password: string): boolean {
  const p = password.toLowerCase();
  if (new Set(p).size <= 3 || /^(.+?)\1+$/s.test(p)) return true;
  const step = p.charCodeAt(1) - p.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < p.length; i++) if (p.charCodeAt(i) - p.charCodeAt(i - 1) !== step) return false;
  return true;
}

/** What a refused password is told, in the page's language. */
export interface PasswordMessages {
  short: string;
  long: string;
  common: string;
  predictable: string;
}

const ENGLISH: PasswordMessages = {
  short: "Use at least 12 characters.",
  long: "Use at most 128 characters.",
  common: "That password is on a list of common or breached passwords. Choose another.",
  predictable: "That password repeats or runs in sequence (like aaaa or 1234). Choose another.",
};

/**
 * The rules every new password obeys, wherever it is set (an account an admin makes, an admin's
 * reset, an invitation accepted). NIST 800-63B: length 12–128, no composition rules, not a known
 * common or breached password, not repetitive or sequential.
 */
export function newPasswordSchema(messages: PasswordMessages = ENGLISH) {
  return z
    .string({ error: messages.short })
    .min(12, { error: messages.short })
    .max(128, { error: messages.long })
    .superRefine((p, ctx) => {
      // One message at a time, and none of these under a length message. (Not `abort`: that would
      // also stop the checks of a form's other fields.)
      if (p.length < 12 || p.length > 128) return;
      if (isCommonPassword(p)) ctx.addIssue({ code: "custom", message: messages.common });
      else if (isPredictablePassword(p)) ctx.addIssue({ code: "custom", message: messages.predictable });
    });
}

export const NewPasswordSchema = newPasswordSchema();

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when the email is unknown, so both answers take the same time.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("carebridge-decoy-password-never-valid");
  return decoy;
}
