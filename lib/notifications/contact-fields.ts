import { z } from "zod";

// The two addresses a notification can leave by, checked the same way wherever one is typed: the
// notification settings (a mobile number) and a confidential-communications request (its alternates).

/** Room for any real address (RFC 5321's path limit), so a pasted essay is refused, not stored. */
const EMAIL_MAX = 254;

/** The field's text trimmed; blank is "not given". */
const trimmedOrUndefined = (v: unknown) => {
  if (typeof v !== "string") return v;
  const t = v.trim();
  return t === "" ? undefined : t;
};

/**
 * A US number as E.164 (+1XXXXXXXXXX), or null when it is not one: ten digits with an area code
 * and an exchange that do not start with 0 or 1 (the North American plan), written with or without
 * spaces, dashes, dots, brackets, a leading 1 or +1. Any other country code is refused: the text
 * provider is set up for US numbers only.
 */
export function usPhoneE164(raw: string): string | null {
  const text = raw.trim();
  if (!/^\+?[\d\s().-]{10,20}$/.test(text)) return null;
  let digits = text.replace(/\D/g, "");
  if (text.startsWith("+") || digits.length === 11) {
    if (digits.length !== 11 || !digits.startsWith("1")) return null;
    digits = digits.slice(1);
  }
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? `+1${digits}` : null;
}

/** An optional US mobile number, normalised to E.164; anything else is refused with `message`. */
export function optionalUsPhone(message: string) {
  return z
    .preprocess(
      trimmedOrUndefined,
      z
        .string()
        .transform((v, ctx) => {
          const e164 = usPhoneE164(v);
          if (e164) return e164;
          ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        })
        .optional(),
    )
    .transform((v) => v ?? null);
}

/** An optional email address, trimmed and in lower case (as sign-in emails are kept). */
export function optionalEmail(message: string) {
  return z
    .preprocess(trimmedOrUndefined, z.email({ error: message }).max(EMAIL_MAX, { error: message }).optional())
    .transform((v) => v?.toLowerCase() ?? null);
}
