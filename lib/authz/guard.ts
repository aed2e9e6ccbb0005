import "server-only";
import { eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import {
  advocacyInteractions,
  appointmentRequests,
  appointments,
  carePlans,
  concerns,
  decisions,
  disclosures,
  messageThreads,
  needs,
  patientUpdates,
  referrals,
  rightsRequests,
} from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { type Actor, authorizeGlobal, authorizePatient, recordRefusal } from "./index";
import type { GlobalPermission, PatientPermission } from "./policy";

/** The records a server action can name by id, and the column that says whose record each is. */
const OWNER = {
  concern: { table: concerns, id: concerns.id, patientId: concerns.patientId },
  rightsRequest: { table: rightsRequests, id: rightsRequests.id, patientId: rightsRequests.patientId },
  appointment: { table: appointments, id: appointments.id, patientId: appointments.patientId },
  appointmentRequest: {
    table: appointmentRequests,
    id: appointmentRequests.id,
    patientId: appointmentRequests.patientId,
  },
  update: { table: patientUpdates, id: patientUpdates.id, patientId: patientUpdates.patientId },
  carePlan: { table: carePlans, id: carePlans.id, patientId: carePlans.patientId },
  thread: { table: messageThreads, id: messageThreads.id, patientId: messageThreads.patientId },
  advocacyInteraction: {
    table: advocacyInteractions,
    id: advocacyInteractions.id,
    patientId: advocacyInteractions.patientId,
  },
  disclosure: { table: disclosures, id: disclosures.id, patientId: disclosures.patientId },
  decision: { table: decisions, id: decisions.id, patientId: decisions.patientId },
  need: { table: needs, id: needs.id, patientId: needs.patientId },
  referral: { table: referrals, id: referrals.id, patientId: referrals.patientId },
} satisfies Record<string, { table: PgTable; id: PgColumn; patientId: PgColumn }>;

export type RecordKind = keyof typeof OWNER;

export type ActionTarget = { patientId: string } | { record: RecordKind; id: string };

/**
 * The first thing a server action does after it knows who is asking: may they do this, to this
 * patient (or the patient this record belongs to)? Throws NotFoundError, audited as a refusal,
 * before the action reads a field of the form, so a caller who may not act learns nothing from
 * field errors. The domain function it then calls asks the policy again, in its own words.
 */
export async function authorizeAction(
  actor: Actor,
  permission: PatientPermission,
  target: ActionTarget,
): Promise<void> {
  const patientId = "patientId" in target ? target.patientId : await unsafeOwnerOf(target.record, target.id);
  if (!patientId) {
    // Not there: refused like any record that is not theirs, and audited without a patient.
    await recordRefusal(actor, permission, null, db());
    throw new NotFoundError();
  }
  await authorizePatient(actor, permission, patientId);
}

/** For actions that are not about one patient: the role's power, refused as a 404 and audited. */
export async function authorizeGlobalAction(actor: Actor, permission: GlobalPermission): Promise<void> {
  await authorizeGlobal(actor, permission);
}

/** Whose record this is. Reads no policy: only authorizeAction calls it, and asks the policy next. */
async function unsafeOwnerOf(kind: RecordKind, id: string): Promise<string | null> {
  const owner = OWNER[kind];
  const [row] = await db()
    .select({ patientId: owner.patientId })
    .from(owner.table)
    .where(eq(owner.id, id))
    .limit(1);
  return (row?.patientId as string | undefined) ?? null;
}
