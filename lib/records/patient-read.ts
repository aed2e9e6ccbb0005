import "server-only";
import { type Database, db } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import {
  type Actor,
  authorizeGlobal,
  authorizePatient,
  can,
  type GlobalPermission,
  type PatientAccess,
  type PatientPermission,
} from "@/lib/authz";
import { type PatientHeader, unsafeReadPatientHeader } from "@/lib/patients/header";

/** What a record's reader gets: how the actor stands to the patient, and the one question to ask of it. */
export interface RecordRead {
  patientId: string;
  access: PatientAccess;
  database: Database;
  can: (permission: PatientPermission) => boolean;
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
 * and an audited refusal when the actor may not), then the record's header beside the reader's
 * own queries, then one audit event naming the patient, then the DTO the page renders.
 */
export async function readPatientRecord<T extends object>(
  actor: Actor,
  permission: PatientPermission,
  patientId: string,
  read: (record: RecordRead) => Promise<T>,
  audit: AuditAction | ((result: T) => ReadAudit),
  options: { dateOfBirth?: boolean } = {},
): Promise<T & { patient: PatientHeader & { dateOfBirth?: string } }> {
  const access = await authorizePatient(actor, permission, patientId);
  const database = db();
  const [patient, result] = await Promise.all([
    unsafeReadPatientHeader(database, patientId, options),
    read({ patientId, access, database, can: (p) => can(actor, p, access) }),
  ]);
  const event = typeof audit === "string" ? { action: audit } : audit(result);
  await recordAudit(database, actor, {
    entityType: "patient",
    entityId: patientId,
    ...event,
    patientId,
  });
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
  const ids = [...new Set(patientsShown(result))];
  const extra = typeof details === "function" ? details(result) : details;
  await recordAudit(database, actor, { action, details: { ...extra, shown: ids.length, patients: ids } });
  return result;
}
