import "server-only";
import { and, asc, count, desc, eq, gt, ilike, isNull, like, max, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, careTeamMembers, caseloadAssignments, clinicians, patients, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  allowsGlobal,
  authorizeGlobal,
  authorizePatient,
  can,
  inCurrentCaseload,
  type Relationship,
} from "@/lib/authz";
import { type PatientPreferences, unsafeReadPatientPreferences } from "@/lib/preferences";
import { type CaseloadQuery, PATIENT_PAGE_SIZE, parsePatientSearch } from "./schemas";

export * from "./schemas";

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

export interface PatientOverview {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  genderIdentity: string | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  race: string | null;
  ethnicity: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  insurer: string | null;
  insuranceMemberId: string | null;
  careTeam: {
    id: string;
    name: string;
    discipline: string;
    organisation: string | null;
    phone: string | null;
    email: string | null;
    internal: boolean;
  }[];
  staff: { name: string; email: string; kind: "coordinator" | "advocate"; isPrimary: boolean }[];
  /** How the reader came to see this record; "emergency" shows a banner. */
  access: Relationship[];
  /** What matters to the patient, shown at the top of the record for whoever may read it. */
  canReadPreferences: boolean;
  preferences: PatientPreferences | null;
}

/** One patient's record for anyone the policy lets read it; every read is audited. */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  const access = await authorizePatient(actor, "read:patient", patientId);
  const database = db();
  const canReadPreferences = can(actor, "read:preferences", access);
  const [[p], team, staff, preferences] = await Promise.all([
    database.select().from(patients).where(eq(patients.id, patientId)),
    database
      .select({
        id: clinicians.id,
        name: clinicians.name,
        discipline: clinicians.discipline,
        organisation: clinicians.organisation,
        phone: clinicians.phone,
        email: clinicians.email,
        internal: clinicians.internal,
      })
      .from(careTeamMembers)
      .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
      .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.archivedAt)))
      .orderBy(desc(clinicians.internal), asc(clinicians.name)),
    database
      .select({
        name: users.name,
        email: users.email,
        kind: caseloadAssignments.kind,
        isPrimary: caseloadAssignments.isPrimary,
      })
      .from(caseloadAssignments)
      .innerJoin(users, eq(users.id, caseloadAssignments.staffUserId))
      .where(and(eq(caseloadAssignments.patientId, patientId), isNull(caseloadAssignments.endedAt)))
      .orderBy(asc(caseloadAssignments.kind), desc(caseloadAssignments.isPrimary), asc(users.name)),
    canReadPreferences ? unsafeReadPatientPreferences(database, patientId) : null,
  ]);
  if (!p) throw new Error("patient vanished between the policy check and the read");
  await recordAudit(database, actor, {
    action: "patient.read",
    patientId,
    entityType: "patient",
    entityId: patientId,
    details: { via: access.relationships.join(","), emergencyGrant: access.emergencyGrantId },
  });
  const address = [p.addressLine, p.city, [p.region, p.postalCode].filter(Boolean).join(" ")]
    .filter((part) => part && part.length > 0)
    .join(", ");
  return {
    id: p.id,
    mrn: p.mrn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    genderIdentity: p.genderIdentity,
    preferredLanguage: p.preferredLanguage,
    interpreterNeeded: p.interpreterNeeded,
    race: p.race,
    ethnicity: p.ethnicity,
    phone: p.phone,
    email: p.email,
    address: address || null,
    insurer: p.insurer,
    insuranceMemberId: p.insuranceMemberId,
    careTeam: team,
    staff,
    access: access.relationships,
    canReadPreferences,
    preferences,
  };
}

export interface DashboardSummary {
  caseloadCount: number;
  recent: { id: string; mrn: string; name: string; openedAt: Date }[];
}

/** Which of the dashboard's worklists this staff member works, as the policy says. */
export function dashboardPanels(actor: Actor) {
  return {
    canWorkConcerns: allowsGlobal(actor.role, "work:concerns"),
    canWorkRightsRequests: allowsGlobal(actor.role, "work:rightsRequests"),
    canWorkFollowUps: allowsGlobal(actor.role, "work:advocacyFollowUps"),
  };
}

/** A staff member's caseload at a glance. */
export async function getStaffDashboard(actor: Actor): Promise<DashboardSummary> {
  await authorizeGlobal(actor, "list:caseload");
  const database = db();
  // The records this person opened last (30 days), newest first, one line per patient. Newest by
  // the event's sequence, not its time: two openings can share a timestamp (PGlite's clock ticks
  // in milliseconds), never an id.
  const opened = database
    .select({
      patientId: auditEvents.patientId,
      openedAt: max(auditEvents.occurredAt).as("opened_at"),
      lastEvent: max(auditEvents.id).as("last_event"),
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorUserId, actor.userId),
        eq(auditEvents.action, "patient.read"),
        gt(auditEvents.occurredAt, sql`now() - interval '30 days'`),
      ),
    )
    .groupBy(auditEvents.patientId)
    .orderBy(desc(max(auditEvents.id)))
    .limit(5)
    .as("opened");
  const caseload = database
    .select({ n: count().as("caseload_count") })
    .from(caseloadAssignments)
    .innerJoin(patients, eq(patients.id, caseloadAssignments.patientId))
    .where(inCurrentCaseload(actor.userId))
    .as("caseload");
  // One statement: the count's single row, beside each recently opened record (or none).
  const rows = await database
    .select({
      caseloadCount: caseload.n,
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      openedAt: opened.openedAt,
    })
    .from(caseload)
    .leftJoin(opened, sql`true`)
    .leftJoin(patients, eq(patients.id, opened.patientId))
    .orderBy(desc(opened.lastEvent));
  return {
    caseloadCount: Number(rows[0]?.caseloadCount ?? 0),
    recent: rows.flatMap((r) =>
      r.id && r.mrn
        ? [
            {
              id: r.id,
              mrn: r.mrn,
              name: `${r.familyName}, ${r.givenName}`,
              openedAt: new Date(r.openedAt ?? 0),
            },
          ]
        : [],
    ),
  };
}
