import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type RightsDecision, type RightsRequestType, rightsRequests } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";

/** A rights request as the portal shows it: what was asked, when the answer is due, the answer. */
export interface PortalRightsRequest {
  id: string;
  type: RightsRequestType;
  receivedOn: string;
  details: string;
  effectiveDueOn: string;
  extendedDueOn: string | null;
  extensionReason: string | null;
  decision: RightsDecision | null;
  decisionReason: string | null;
  decidedOn: string | null;
  responseSentOn: string | null;
}

export interface PortalRightsRequests {
  requests: PortalRightsRequest[];
  /** Only the patient files requests; family shown them only read. */
  canFile: boolean;
}

/**
 * The patient's rights requests through the portal's own permission: the patient sees all of
 * hers; family see them only when she shared requests, and never a confidential-communications
 * request (164.522(b)): it exists for the case where someone at home must not know.
 */
export async function listPortalRightsRequests(
  actor: Actor,
  patientId: string,
): Promise<PortalRightsRequests> {
  const access = await authorizePatient(actor, "read:rightsRequest:portal", patientId);
  const confidential = can(actor, "read:confidentialCommunication:portal", access);
  const database = db();
  const requests = await database
    .select({
      id: rightsRequests.id,
      type: rightsRequests.type,
      receivedOn: rightsRequests.receivedOn,
      details: rightsRequests.details,
      effectiveDueOn: sql<string>`coalesce(${rightsRequests.extendedDueOn}, ${rightsRequests.dueOn})`,
      extendedDueOn: rightsRequests.extendedDueOn,
      extensionReason: rightsRequests.extensionReason,
      decision: rightsRequests.decision,
      decisionReason: rightsRequests.decisionReason,
      decidedOn: rightsRequests.decidedOn,
      responseSentOn: rightsRequests.responseSentOn,
    })
    .from(rightsRequests)
    .where(
      and(
        eq(rightsRequests.patientId, patientId),
        confidential ? undefined : ne(rightsRequests.type, "confidential-communication"),
      ),
    )
    .orderBy(desc(rightsRequests.receivedOn), desc(rightsRequests.createdAt))
    .limit(200);
  await recordAudit(database, actor, {
    action: can(actor, "read:profile:portal", access) ? "portal.rights-read" : "portal.family-read",
    patientId,
    entityType: "patient",
    entityId: patientId,
    details: { requests: requests.length },
  });
  return { requests, canFile: can(actor, "file:rightsRequest:portal", access) };
}
