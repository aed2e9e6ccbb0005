import "server-only";
import { and, eq, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { caseloadAssignments, emergencyAccessGrants, familyAccessGrants, patients } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { requestContext } from "@/lib/audit/request-context";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "./actor";
import {
  allows,
  allowsGlobal,
  type FamilyScope,
  type GlobalPermission,
  isStaff,
  type PatientPermission,
  type Relationship,
} from "./policy";

export type { Actor } from "./actor";
export * from "./policy";

// Drizzle prints a column of the only table in a select unqualified, which inside the correlated
// subqueries below would bind to the subquery's own "id": name the outer column in full.
const PATIENT_ID = sql.raw('"patients"."id"');

export interface PatientAccess {
  patientId: string;
  relationships: Relationship[];
  /** The emergency grant in use, when access comes only through "break the glass". */
  emergencyGrantId: string | null;
  /** The columns that head the record's pages, read in the same statement (issue 19). */
  header: {
    mrn: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    preferredLanguage: string;
    interpreterNeeded: boolean;
  };
}

/**
 * How the actor stands to the patient, read from the database in one statement with the record's
 * header. Null when the patient does not exist (callers treat that exactly as "not allowed").
 */
export async function getPatientAccess(
  actor: Actor,
  patientId: string,
  executor: Executor = db(),
): Promise<PatientAccess | null> {
  const staff = isStaff(actor.role);
  const rows = await executor
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      dateOfBirth: patients.dateOfBirth,
      preferredLanguage: patients.preferredLanguage,
      interpreterNeeded: patients.interpreterNeeded,
      caseload: staff
        ? sql<boolean>`exists (select 1 from ${caseloadAssignments} ca where ca.patient_id = ${PATIENT_ID}
            and ca.staff_user_id = ${actor.userId} and ca.kind = ${actor.role} and ca.ended_at is null)`
        : sql<boolean>`false`,
      emergencyGrantId: staff
        ? sql<
            string | null
          >`(select eg.id from ${emergencyAccessGrants} eg where eg.patient_id = ${PATIENT_ID}
            and eg.user_id = ${actor.userId} and eg.expires_at > now() order by eg.expires_at desc limit 1)`
        : sql<string | null>`null`,
      // One active grant at most (family_grant_active_key): the scopes it holds, in one subquery.
      familyScopes:
        actor.role === "family"
          ? sql<string[] | null>`(select array_remove(array[
              case when fg.can_view_timeline then 'family:timeline' end,
              case when fg.can_raise_concerns then 'family:concerns' end,
              case when fg.can_view_requests then 'family:requests' end,
              case when fg.can_message then 'family:messages' end], null)
            from ${familyAccessGrants} fg where fg.patient_id = ${PATIENT_ID}
            and fg.family_user_id = ${actor.userId} and fg.revoked_at is null)`
          : sql<string[] | null>`null`,
    })
    .from(patients)
    .where(and(eq(patients.id, patientId), isNull(patients.archivedAt)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const relationships: Relationship[] = [];
  if (row.caseload) relationships.push("caseload");
  if (row.emergencyGrantId) relationships.push("emergency");
  if (actor.role === "patient" && actor.patientId === row.id) relationships.push("self");
  for (const scope of row.familyScopes ?? []) relationships.push(scope as FamilyScope);
  return {
    patientId: row.id,
    relationships,
    emergencyGrantId: row.caseload ? null : (row.emergencyGrantId ?? null),
    header: {
      mrn: row.mrn,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth,
      preferredLanguage: row.preferredLanguage,
      interpreterNeeded: row.interpreterNeeded,
    },
  };
}

/** The one question every domain function asks about a patient's record. */
export function can(actor: Actor, permission: PatientPermission, access: PatientAccess | null): boolean {
  return access !== null && allows(actor.role, permission, access.relationships);
}

/**
 * Throws NotFoundError unless the actor may do this to the patient; returns how they stand to them.
 * A refusal is written to the audit trail first (`access.denied`), and still looks like "not there".
 */
export async function authorizePatient(
  actor: Actor,
  permission: PatientPermission,
  patientId: string,
  executor: Executor = db(),
): Promise<PatientAccess> {
  const access = await getPatientAccess(actor, patientId, executor);
  if (!access || !can(actor, permission, access)) {
    await recordRefusal(actor, permission, access?.patientId ?? null, executor);
    throw new NotFoundError();
  }
  return access;
}

/** Throws NotFoundError unless the actor's role has this power (404, like any other refusal); audited. */
export async function authorizeGlobal(actor: Actor, permission: GlobalPermission): Promise<void> {
  if (allowsGlobal(actor.role, permission)) return;
  await recordRefusal(actor, permission, null, db());
  throw new NotFoundError();
}

/**
 * The trail of a refusal: who, which patient when there is one, the permission, and the route or
 * server action asked. Written on the caller's executor: authorisation runs before any transaction.
 */
export async function recordRefusal(
  actor: Actor,
  permission: PatientPermission | GlobalPermission,
  patientId: string | null,
  executor: Executor,
): Promise<void> {
  const { route, serverAction } = await requestContext();
  await recordAudit(executor, actor, {
    action: "access.denied",
    patientId,
    entityType: patientId ? "patient" : null,
    entityId: patientId,
    details: { permission, route, serverAction },
  });
}

/**
 * A staff member's current caseload assignments: not ended. Lists across "my patients" start here.
 * Joins nothing; the query it goes in reads `caseload_assignments`.
 */
export const currentAssignments = (staffUserId: string | SQLWrapper): SQL =>
  and(eq(caseloadAssignments.staffUserId, staffUserId), isNull(caseloadAssignments.endedAt))!;

/** The patients in a staff member's current caseload whose record is open: the query joins `patients`. */
export const inCurrentCaseload = (staffUserId: string): SQL =>
  and(currentAssignments(staffUserId), isNull(patients.archivedAt))!;

/** The ids of the patients currently assigned to a staff member, as a subquery for `inArray`. */
export const caseloadPatientIds = (staffUserId: string, executor: Executor = db()) =>
  executor
    .select({ id: caseloadAssignments.patientId })
    .from(caseloadAssignments)
    .where(currentAssignments(staffUserId));
