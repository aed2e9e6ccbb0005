import "server-only";
import { type Database, db } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditDetails } from "@/lib/audit/record";
import {
  type Actor,
  authorizeGlobal,
  authorizePatient,
  can,
  type GlobalPermission,
  type PatientAccess,
  type PatientPermission,
} from "@/lib/authz";
import { type PatientHeader, patientHeader } from "@/lib/patients/header";
import { type LanguageNeed, languageNeed } from "@/lib/patients/language";
import { recordReadAudits } from "./read-audit";
import { worklistEvent } from "./read-panels";

/** What a record's reader gets: how the actor stands to the patient, and the one question to ask of it. */
export interface RecordRead {
  patientId: string;
  access: PatientAccess;
  database: Database;
  can: (permission: PatientPermission) => boolean;
  /** Her language and interpreter need, read with the policy's relationships: no statement of its own. */
  language: LanguageNeed;
}

/** The audit event of a read: its action, and the entity and details when it is about one item. */
export interface ReadAudit {
  action: AuditAction;
  entityType?: string;
  entityId?: string | null;
  details?: AuditDetails;
}

/**
 * Every read of a patient's record goes through here (docs/decisions/010): the policy first (a 404
 * and an audited refusal when the actor may not), whose one statement also reads the record's
 * header; then the reader's own queries; then its audit events naming the patient (one, or one
 * for each part of the record a page shows), then the DTO the page renders.
 */
export async function readPatientRecord<T extends object>(
  actor: Actor,
  permission: PatientPermission,
  patientId: string,
  read: (record: RecordRead) => Promise<T>,
  audit: AuditAction | ((result: T, access: PatientAccess) => ReadAudit | ReadAudit[]),
  options: { dateOfBirth?: boolean } = {},
): Promise<T & { patient: PatientHeader & { dateOfBirth?: string } }> {
  const access = await authorizePatient(actor, permission, patientId);
  const patient = patientHeader(access.patientId, access.header, options);
  const result = await read({
    patientId,
    access,
    database: db(),
    can: (p) => can(actor, p, access),
    language: languageNeed(access.header),
  });
  const events = typeof audit === "string" ? [{ action: audit }] : [audit(result, access)].flat();
  if (events.length === 0) throw new Error("A read of a patient's record writes at least one audit event.");
  await recordReadAudits(
    actor,
    events.map((event) => ({ entityType: "patient", entityId: patientId, ...event, patientId })),
  );
  return { ...result, patient };
}

/**
 * A worklist across the actor's caseload (the dashboard's panels, the team's queues): the role's
 * power first, then the list, then one audit event naming how many rows it showed and whose.
 */
export async function readWorklist<T>(
  actor: Actor,
  permission: GlobalPermission,
  action: AuditAction,
  read: (database: Database) => Promise<T>,
  patientsShown: (result: T) => string[],
  details: AuditDetails | ((result: T) => AuditDetails) = {},
): Promise<T> {
  await authorizeGlobal(actor, permission);
  const database = db();
  const result = await read(database);
  const extra = typeof details === "function" ? details(result) : details;
  await recordReadAudits(actor, [worklistEvent(action, patientsShown(result), extra)]);
  return result;
}
