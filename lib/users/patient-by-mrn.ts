import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { patients } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/** The patient an admin names by MRN on a form; a DomainError on that field when there is none. */
export async function patientIdByMrn(executor: Executor, mrn: string, field = "patientMrn") {
  const [p] = await executor
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.mrn, mrn.toUpperCase()));
  if (!p) throw new DomainError("No patient has that MRN.", { [field]: ["No patient has that MRN."] });
  return p.id;
}
