import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { patients } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

export interface PatientHeader {
  id: string;
  mrn: string;
  /** "Family, Given", as records are listed. */
  name: string;
  givenName: string;
  /** "Given Family", as a letter to the patient says it. */
  fullName: string;
}

/**
 * The name and MRN that head every page of a record, and the date of birth only when asked for
 * (the patient's own portal shows it). Reads no policy itself: callers have already authorised
 * the actor for this patient, in the same request.
 */
export async function unsafeReadPatientHeader(
  executor: Executor,
  patientId: string,
  options: { dateOfBirth?: boolean } = {},
): Promise<PatientHeader & { dateOfBirth?: string }> {
  const [p] = await executor
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      dateOfBirth: patients.dateOfBirth,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!p) throw new NotFoundError();
  return patientHeader(p.id, p, options);
}

/** The header from its columns, as the policy's access check reads them beside the relationships. */
export function patientHeader(
  id: string,
  p: { mrn: string; givenName: string; familyName: string; dateOfBirth: string },
  options: { dateOfBirth?: boolean } = {},
): PatientHeader & { dateOfBirth?: string } {
  return {
    id,
    mrn: p.mrn,
    name: `${p.familyName}, ${p.givenName}`,
    givenName: p.givenName,
    fullName: `${p.givenName} ${p.familyName}`,
    ...(options.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
  };
}
