import { z } from "zod";
import { searchText } from "@/lib/validation";
import { MRN_PATTERN } from "./schemas";

/** At most this many patients are listed for a search across the organisation. */
export const PATIENT_SEARCH_LIMIT = 25;
export const MIN_NAME_LETTERS = 2;

/** The query string of a search across the organisation: all of it is user input. */
export const OrgSearchQuerySchema = z.object({ q: searchText() });

export const SEARCH_TOO_SHORT =
  "Type at least 2 letters of the patient's family or given name, or their full MRN (e.g. CB-100001).";

export type OrgSearchTerm =
  | { kind: "none" }
  | { kind: "tooShort"; message: string }
  | { kind: "mrn"; mrn: string }
  | { kind: "name"; words: string[] };

/**
 * Reads a search across the organisation. A term with a digit is an MRN and must be whole (digits
 * alone are read as CB-…); anything else is a name, of which one word needs 2 letters or more, so
 * a search never lists a whole letter of the alphabet.
 */
export function parseOrgSearch(raw: string): OrgSearchTerm {
  const q = raw.trim();
  if (!q) return { kind: "none" };
  if (/\d/.test(q)) {
    const upper = q.toUpperCase().replace(/\s+/g, "");
    const digitsOnly = /^\d+$/.test(upper);
    const mrn = digitsOnly ? `CB-${upper}` : upper;
    return MRN_PATTERN.test(mrn) && !(digitsOnly && upper.length < 3)
      ? { kind: "mrn", mrn }
      : { kind: "tooShort", message: SEARCH_TOO_SHORT };
  }
  const words = q
    .split(/[\s,]+/)
    .map((w) => w.replace(/[%_\\]/g, ""))
    .filter(Boolean)
    .slice(0, 3);
  return words.some((w) => w.length >= MIN_NAME_LETTERS)
    ? { kind: "name", words }
    : { kind: "tooShort", message: SEARCH_TOO_SHORT };
}
