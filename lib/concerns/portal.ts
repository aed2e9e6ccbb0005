import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { type ConcernCategory, type ConcernStatus, concerns, concernTransitions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient, can } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { type ConcernResponse, responseColumns, responseOf } from "./summary";

/**
 * A concern as the patient, or family with the concerns scope, follow it in the portal: where it
 * is, what they wrote, the written response and the dates of each move. Never the staff's side of
 * it: severity, who works it, the confidential flag, notes on a move.
 */
export interface PortalConcern {
  id: string;
  category: ConcernCategory;
  status: ConcernStatus;
  receivedAt: Date;
  resolveDueAt: Date;
  resolvedAt: Date | null;
  whatHappened: string;
  desiredOutcome: string;
  interim: { expectedBy: string; message: string | null } | null;
  /** As written, with English beside Spanish: the page shows the reader's version (versionFor). */
  response: ConcernResponse | null;
  moves: { to: ConcernStatus; at: Date }[];
  /** For family: whether they raised it themselves (the confirmation after filing shows it). */
  raisedByViewer: boolean;
}

/** Throws NotFoundError (audited) unless the actor may raise a concern for this patient in the portal. */
export async function authorizeRaiseConcernInPortal(actor: Actor, patientId: string): Promise<void> {
  await authorizePatient(actor, "raise:concern:portal", patientId);
}

/** One of the patient's concerns through the portal's own permission; audited as a portal read. */
export async function getPortalConcern(
  actor: Actor,
  patientId: string,
  concernId: string,
): Promise<PortalConcern> {
  const access = await authorizePatient(actor, "read:concern:portal", patientId);
  const database = db();
  const where = and(eq(concerns.id, concernId), eq(concerns.patientId, patientId));
  const [[row], moves] = await Promise.all([
    database
      .select({
        id: concerns.id,
        category: concerns.category,
        status: concerns.status,
        receivedAt: concerns.receivedAt,
        resolveDueAt: concerns.resolveDueAt,
        resolvedAt: concerns.resolvedAt,
        whatHappened: concerns.whatHappened,
        desiredOutcome: concerns.desiredOutcome,
        interimNoticeSentAt: concerns.interimNoticeSentAt,
        interimExpectedBy: concerns.interimExpectedBy,
        interimMessage: concerns.interimMessage,
        ...responseColumns(),
        createdBy: concerns.createdBy,
      })
      .from(concerns)
      .where(where),
    database
      .select({ to: concernTransitions.toStatus, at: concernTransitions.at })
      .from(concernTransitions)
      .innerJoin(concerns, eq(concerns.id, concernTransitions.concernId))
      .where(and(eq(concernTransitions.concernId, concernId), eq(concerns.patientId, patientId)))
      .orderBy(asc(concernTransitions.at)),
  ]);
  if (!row) throw new NotFoundError();
  await recordAudit(database, actor, {
    action: can(actor, "read:profile:portal", access) ? "portal.concern-read" : "portal.family-read",
    patientId,
    entityType: "concern",
    entityId: concernId,
  });
  return {
    id: row.id,
    category: row.category,
    status: row.status,
    receivedAt: row.receivedAt,
    resolveDueAt: row.resolveDueAt,
    resolvedAt: row.resolvedAt,
    whatHappened: row.whatHappened,
    desiredOutcome: row.desiredOutcome,
    interim:
      row.interimNoticeSentAt && row.interimExpectedBy
        ? { expectedBy: row.interimExpectedBy, message: row.interimMessage }
        : null,
    response: responseOf(row),
    moves,
    raisedByViewer: row.createdBy === actor.userId,
  };
}
