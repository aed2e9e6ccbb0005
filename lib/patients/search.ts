import "server-only";
import { and, asc, eq, gte, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { patients } from "@/db/schema";
import { type Actor, authorizeGlobal } from "@/lib/authz";
import { readWorklist } from "@/lib/records/patient-read";
import { type OrgSearchTerm, PATIENT_SEARCH_LIMIT, parseOrgSearch } from "./search-terms";

/** One patient found: who they are and whether they are in the caseload asked about, nothing more. */
export interface PatientSearchResult {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  inCaseload: boolean;
}

export interface PatientSearch {
  query: string;
  searched: OrgSearchTerm["kind"];
  results: PatientSearchResult[];
  /** More patients matched than are shown. */
  more: boolean;
  /** Why nothing was searched, or how to narrow a search that found too many. */
  message: string | null;
  limit: number;
}

type NameColumn = typeof patients.familyName | typeof patients.givenName;

/** The range of a btree index holding every name that starts with `prefix` in byte order. */
function startsWith(column: NameColumn, prefix: string): SQL {
  const last = prefix.charCodeAt(prefix.length - 1);
  const after = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return and(gte(column, prefix), lt(column, after))!;
}

/**
 * A name (family or given) that starts with `word` in any case: index ranges for the ways a name is
 * written (as typed, Capitalised, lower, UPPER), then the case-blind check over the few rows found.
 */
function nameStarts(column: NameColumn, word: string): SQL {
  const lower = word.toLowerCase();
  const variants = new Set([word, lower.charAt(0).toUpperCase() + lower.slice(1), lower, word.toUpperCase()]);
  return and(or(...[...variants].map((v) => startsWith(column, v)))!, ilike(column, `${word}%`))!;
}

/**
 * Each word of 2+ letters may start the family name or the given name (each through its index);
 * the other words must start either name too.
 */
function nameCondition(words: string[]): SQL {
  const options = words.flatMap((word, i) =>
    word.length < 2
      ? []
      : [
          and(
            or(nameStarts(patients.familyName, word), nameStarts(patients.givenName, word))!,
            ...words
              .filter((_, j) => j !== i)
              .map(
                (other) =>
                  or(ilike(patients.givenName, `${other}%`), ilike(patients.familyName, `${other}%`))!,
              ),
          )!,
        ],
  );
  return or(...options)!;
}

/**
 * Finds patients across the organisation by name or full MRN, for emergency access and for an admin
 * assigning caseloads. A result is not access: opening a record still asks the policy. The search is
 * audited with what kind of term it was and the patients shown, never the words typed. `caseloadOf`
 * (the actor's own caseload by default) says whose caseload the flag is about; another person's is
 * the admin's question.
 */
export async function searchPatients(
  actor: Actor,
  raw: string,
  options: { caseloadOf?: string } = {},
): Promise<PatientSearch> {
  const caseloadOf = options.caseloadOf ?? actor.userId;
  if (caseloadOf !== actor.userId) await authorizeGlobal(actor, "manage:users");
  const term = parseOrgSearch(raw);
  const base = { query: raw.trim(), searched: term.kind, limit: PATIENT_SEARCH_LIMIT };
  if (term.kind === "none" || term.kind === "tooShort") {
    await authorizeGlobal(actor, "search:patients");
    return { ...base, results: [], more: false, message: term.kind === "tooShort" ? term.message : null };
  }
  const match = term.kind === "mrn" ? eq(patients.mrn, term.mrn) : nameCondition(term.words);
  const rows = await readWorklist(
    actor,
    "search:patients",
    "patient.search",
    (database) =>
      database
        .select({
          id: patients.id,
          mrn: patients.mrn,
          givenName: patients.givenName,
          familyName: patients.familyName,
          dateOfBirth: patients.dateOfBirth,
          // Qualified by hand: a column inside a selected expression is written without its table.
          inCaseload: sql<boolean>`exists (select 1 from caseload_assignments ca
            where ca.staff_user_id = ${caseloadOf} and ca.patient_id = patients.id and ca.ended_at is null)`,
        })
        .from(patients)
        .where(and(match, isNull(patients.archivedAt)))
        .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.mrn))
        .limit(PATIENT_SEARCH_LIMIT + 1),
    (found) => found.slice(0, PATIENT_SEARCH_LIMIT).map((p) => p.id),
    (found) => ({
      searched: term.kind,
      more: found.length > PATIENT_SEARCH_LIMIT,
      ...(caseloadOf !== actor.userId ? { caseloadOf } : {}),
    }),
  );
  const more = rows.length > PATIENT_SEARCH_LIMIT;
  return {
    ...base,
    results: rows.slice(0, PATIENT_SEARCH_LIMIT).map((p) => ({
      id: p.id,
      mrn: p.mrn,
      name: `${p.familyName}, ${p.givenName}`,
      dateOfBirth: p.dateOfBirth,
      inCaseload: Boolean(p.inCaseload),
    })),
    more,
    message: more
      ? `More than ${PATIENT_SEARCH_LIMIT} patients match; the first ${PATIENT_SEARCH_LIMIT} are shown. Type more of the name (family name, then given name) or the full MRN.`
      : null,
  };
}
