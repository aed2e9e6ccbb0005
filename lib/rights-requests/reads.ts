import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { patients, rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import type { PatientHeader } from "@/lib/patients/header";
import { type LanguageNeed, unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";
import { zonedDate } from "@/lib/time";
import { itemColumns, type RightsRequestItem, toItem } from "./items";

export interface PatientRightsRequests {
  patient: PatientHeader;
  requests: RightsRequestItem[];
  canWrite: boolean;
  today: string;
  /** For staff who write the letters: the patient's language and interpreter need (else null). */
  languageNeed: LanguageNeed | null;
}

/** A patient's rights requests, newest first. */
export async function listPatientRightsRequests(
  actor: Actor,
  patientId: string,
): Promise<PatientRightsRequests> {
  return readPatientRecord(
    actor,
    "read:rightsRequest",
    patientId,
    async ({ database, can }) => {
      const today = zonedDate();
      const canWrite = can("write:rightsRequest");
      const [rows, languageNeed] = await Promise.all([
        database
          .select(itemColumns)
          .from(rightsRequests)
          .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
          .where(eq(rightsRequests.patientId, patientId))
          .orderBy(desc(rightsRequests.receivedOn), desc(rightsRequests.createdAt))
          .limit(200),
        canWrite ? unsafeReadLanguageNeed(database, patientId) : null,
      ]);
      return { requests: rows.map((r) => toItem(r, today)), canWrite, today, languageNeed };
    },
    "rights-request.list",
  );
}

/** One request, for the letters that go to the patient (extension notice, decision). */
export async function getRightsRequest(
  actor: Actor,
  patientId: string,
  requestId: string,
): Promise<{ patient: PatientHeader; request: RightsRequestItem }> {
  return readPatientRecord(
    actor,
    "read:rightsRequest",
    patientId,
    async ({ database }) => {
      const [row] = await database
        .select(itemColumns)
        .from(rightsRequests)
        .innerJoin(patients, eq(patients.id, rightsRequests.patientId))
        .where(and(eq(rightsRequests.id, requestId), eq(rightsRequests.patientId, patientId)));
      if (!row) throw new NotFoundError();
      return { request: toItem(row, zonedDate()) };
    },
    () => ({ action: "rights-request.letter", entityType: "rights_request", entityId: requestId }),
  );
}
