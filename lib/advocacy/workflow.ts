import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { advocacyInteractions, concerns, rightsRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned, versionedRecord } from "@/lib/records/versioned-change";
import type { InteractionInput } from "./schemas";

/** Logs one time the advocate represented the patient. */
export async function logInteraction(
  actor: Actor,
  patientId: string,
  input: InteractionInput,
): Promise<string> {
  await authorizePatient(actor, "write:advocacyLog", patientId);
  return db().transaction(async (tx) => {
    if (input.concernId) {
      const [concern] = await tx
        .select({ id: concerns.id })
        .from(concerns)
        .where(and(eq(concerns.id, input.concernId), eq(concerns.patientId, patientId)));
      if (!concern)
        throw new DomainError("Choose one of this patient's concerns.", {
          subject: ["Choose one of this patient's concerns."],
        });
    }
    if (input.rightsRequestId) {
      const [request] = await tx
        .select({ id: rightsRequests.id })
        .from(rightsRequests)
        .where(and(eq(rightsRequests.id, input.rightsRequestId), eq(rightsRequests.patientId, patientId)));
      if (!request)
        throw new DomainError("Choose one of this patient's rights requests.", {
          subject: ["Choose one of this patient's rights requests."],
        });
    }
    const [row] = await tx
      .insert(advocacyInteractions)
      .values({ ...input, patientId, advocateId: actor.userId })
      .returning({ id: advocacyInteractions.id });
    await recordAudit(tx, actor, {
      action: "advocacy.log",
      patientId,
      entityType: "advocacy_interaction",
      entityId: row!.id,
      details: {
        counterpart: input.counterpartType,
        concern: input.concernId,
        rightsRequest: input.rightsRequestId,
      },
    });
    return row!.id;
  });
}

/**
 * Log entries as the versioned-change helper sees them (docs/decisions/010). The table keeps no
 * `updatedBy`, so a stale save names no one, as before.
 */
const INTERACTION = versionedRecord({
  table: advocacyInteractions,
  entityType: "advocacy_interaction",
  patientId: advocacyInteractions.patientId,
});

/** Marks an entry's follow-up as done. */
export async function completeFollowUp(actor: Actor, interactionId: string, version: number): Promise<void> {
  await changeVersioned(actor, INTERACTION, {
    id: interactionId,
    version,
    permission: "write:advocacyLog",
    audit: { action: "advocacy.follow-up-done" },
    change: async (_tx, row) => {
      if (!row.followUpOn || row.followUpDoneAt)
        throw new DomainError("There is no follow-up left to complete.");
      return { set: { followUpDoneAt: sql`now()` } };
    },
  });
}
