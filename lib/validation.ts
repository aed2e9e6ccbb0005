import { z } from "zod";

// The field shapes every form shares, so each says its limits the same way: an id, text with a
// length window and a message for too short, optional text (blank is null), a ticked box, a version.

/**
 * Text with any NUL character dropped: nobody types one, it shows as nothing, and PostgreSQL text
 * cannot hold it (a statement carrying one fails), so a stray byte must not turn into a server error.
 */
export const withoutNul = (text: string) => text.replaceAll("\u0000", "");

/** A search box in a query string: trimmed, at most 100 characters, blank when it is anything else. */
export const searchText = () =>
  z.string().transform(withoutNul).pipe(z.string().trim().max(100)).default("").catch("");

/** Every id a form, an address or a bound argument carries: a record's uuid. */
export const IdSchema = z.uuid();

/** What a field over its limit says; the portal passes one in the person's language. */
export type TooLong = (max: number) => string;
const tooLongInEnglish: TooLong = (max) => `Keep this under ${max.toLocaleString("en-US")} characters.`;

export function requiredText(min: number, max: number, tooShort: string, tooLong = tooLongInEnglish) {
  return z
    .string({ error: tooShort })
    .trim()
    .min(min, { error: tooShort })
    .max(max, { error: tooLong(max) });
}

export function optionalText(max: number, tooLong = tooLongInEnglish) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong(max) })
    .optional()
    .transform((v) => v || null);
}

/** An HTML checkbox: "on" when ticked, absent when not. */
export const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

/** The optimistic-lock version a form was rendered with. */
export const versionField = z.coerce.number().int().min(1);

/** An empty form field means "not given". */
export const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
