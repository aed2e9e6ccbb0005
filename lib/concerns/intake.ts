import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { type ConcernCategory, caseloadAssignments, concerns, concernTransitions } from "@/db/schema";
import { type AuditDetails, recordAudit } from "@/lib/audit/record";
import { type Actor, allowsGlobal, authorizePatient } from "@/lib/authz";
import { concernDueDates } from "@/lib/clocks";
import type { IntakeInput } from "./schemas";

/** What a patient or family member writes when they raise a concern in the portal. */
export interface PortalConcernInput {
  category: ConcernCategory;
  whatHappened: string;
  desiredOutcome: string;
  eventDate: string | null;
}

/**
 * A concern raised in the portal by the patient, or by family the patient allowed to: it lands in
 * the advocates' worklist with the patient's primary advocate, at medium severity until triaged.
 */
export async function raiseConcernInPortal(
  actor: Actor,
  patientId: string,
  input: PortalConcernInput,
): Promise<string> {
  const access = await authorizePatient(actor, "raise:concern:portal", patientId);
  const raisedBy = access.relationships.includes("self") ? "patient" : "family";
  return createConcern(
    actor,
    patientId,
    {
      ...input,
      raisedBy,
      raisedByName: raisedBy === "family" ? actor.name : null,
      severity: "medium",
      confidential: false,
      aboutDischarge: false,
    },
    { via: "portal", raisedBy },
  );
}

/** Records a concern as received now; its due dates come from the organisation's clocks. */
export async function intakeConcern(actor: Actor, patientId: string, input: IntakeInput): Promise<string> {
  await authorizePatient(actor, "write:concern", patientId);
  return createConcern(actor, patientId, input, {
    severity: input.severity,
    confidential: input.confidential,
  });
}

/** The patient's primary advocate, to own a concern nobody took yet. */
async function primaryAdvocate(tx: Transaction, patientId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: caseloadAssignments.staffUserId })
    .from(caseloadAssignments)
    .where(
      and(
        eq(caseloadAssignments.patientId, patientId),
        eq(caseloadAssignments.kind, "advocate"),
        isNull(caseloadAssignments.endedAt),
      ),
    )
    .orderBy(desc(caseloadAssignments.isPrimary))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Records a new concern, open, with its due dates and owner, its first move and the audit event, in
 * one transaction. Callers have authorised the actor.
 */
function createConcern(
  actor: Actor,
  patientId: string,
  input: IntakeInput,
  details: AuditDetails,
): Promise<string> {
  return db().transaction(async (tx) => {
    const receivedAt = new Date();
    const [row] = await tx
      .insert(concerns)
      .values({
        ...input,
        patientId,
        receivedAt,
        ...concernDueDates(receivedAt, input.severity),
        // Whoever works concerns and logs one owns it; one raised in the portal goes to the primary advocate.
        assignedAdvocateId: allowsGlobal(actor.role, "work:concerns")
          ? actor.userId
          : await primaryAdvocate(tx, patientId),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: concerns.id });
    const id = row!.id;
    await tx.insert(concernTransitions).values({ concernId: id, toStatus: "open", actorId: actor.userId });
    await recordAudit(tx, actor, {
      action: "concern.create",
      patientId,
      entityType: "concern",
      entityId: id,
      details,
    });
    return id;
  });
}
