import "server-only";
import { and, asc, count, desc, eq, ilike, like, or, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { caseloadAssignments, patients } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizeGlobal, inCurrentCaseload } from "@/lib/authz";
import { type CaseloadQuery, PATIENT_PAGE_SIZE, parsePatientSearch } from "./schemas";

export interface PatientListItem {
  id: string;
  mrn: string;
  name: string;
  dateOfBirth: string;
  preferredLanguage: string;
  myRole: "coordinator" | "advocate";
}

/** The actor's own caseload, searched, sorted and paged in SQL. */
export async function listCaseload(
  actor: Actor,
  query: CaseloadQuery,
): Promise<{ items: PatientListItem[]; total: number; page: number; pageSize: number }> {
  await authorizeGlobal(actor, "list:caseload");
  const where: SQL[] = [inCurrentCaseload(actor.userId)];
  const search = parsePatientSearch(query.q);
  if (search.kind === "dob") where.push(eq(patients.dateOfBirth, search.date));
  if (search.kind === "mrn") where.push(like(patients.mrn, `${search.prefix}%`));
  if (search.kind === "name") {
    for (const word of search.words) {
      where.push(or(ilike(patients.familyName, `${word}%`), ilike(patients.givenName, `${word}%`))!);
    }
  }
  const direction = query.dir === "desc" ? desc : asc;
  const order =
    query.sort === "mrn"
      ? [direction(patients.mrn)]
      : query.sort === "dob"
        ? [direction(patients.dateOfBirth), asc(patients.familyName)]
        : [direction(patients.familyName), direction(patients.givenName), asc(patients.mrn)];
  const condition = and(...where);
  const [rows, totals] = await Promise.all([
    db()
      .select({
        id: patients.id,
        mrn: patients.mrn,
        givenName: patients.givenName,
        familyName: patients.familyName,
        dateOfBirth: patients.dateOfBirth,
        preferredLanguage: patients.preferredLanguage,
        myRole: caseloadAssignments.kind,
      })
      .from(caseloadAssignments)
      .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
      .where(condition)
      .orderBy(...order)
      .limit(PATIENT_PAGE_SIZE)
      .offset((query.page - 1) * PATIENT_PAGE_SIZE),
    db()
      .select({ total: count() })
      .from(caseloadAssignments)
      .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
      .where(condition),
  ]);
  await recordAudit(db(), actor, {
    action: "patient.list",
    details: { searched: search.kind, page: query.page, shown: rows.length },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      mrn: r.mrn,
      name: `${r.familyName}, ${r.givenName}`,
      dateOfBirth: r.dateOfBirth,
      preferredLanguage: r.preferredLanguage,
      myRole: r.myRole,
    })),
    total: totals[0]?.total ?? 0,
    page: query.page,
    pageSize: PATIENT_PAGE_SIZE,
  };
}
