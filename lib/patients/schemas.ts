import { z } from "zod";
import { IdSchema, searchText } from "@/lib/validation";

export const PATIENT_PAGE_SIZE = 25;
export const MRN_PATTERN = /^[A-Z0-9-]{4,20}$/;

export const PatientIdSchema = IdSchema;

/** The caseload list's query string: all of it is user input. */
export const CaseloadQuerySchema = z.object({
  q: searchText(),
  sort: z.enum(["name", "mrn", "dob"]).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type CaseloadQuery = z.infer<typeof CaseloadQuerySchema>;

export type ParsedSearch =
  | { kind: "none" }
  | { kind: "dob"; date: string }
  | { kind: "mrn"; prefix: string }
  | { kind: "name"; words: string[] };

/** Reads a search box the way a coordinator types into it: a date of birth, an MRN, or a name. */
export function parsePatientSearch(raw: string): ParsedSearch {
  const q = raw.trim();
  if (!q) return { kind: "none" };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
  const date = iso
    ? `${iso[1]}-${iso[2]}-${iso[3]}`
    : us
      ? `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`
      : null;
  if (date) {
    const parsed = new Date(`${date}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date))
      return { kind: "dob", date };
  }
  if (/^(CB-?)?\d{3,}$/i.test(q)) {
    const digits = q.replace(/^CB-?/i, "");
    return { kind: "mrn", prefix: `CB-${digits}` };
  }
  const words = q
    .split(/[\s,]+/)
    .map((w) => w.replace(/[%_\\]/g, ""))
    .filter(Boolean)
    .slice(0, 4);
  return words.length ? { kind: "name", words } : { kind: "none" };
}
