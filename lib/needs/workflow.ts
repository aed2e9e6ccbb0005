import "server-only";
import { eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { type NeedStatus, needs } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, pgErrorCode } from "@/lib/errors";
import { changeVersioned } from "@/lib/records/versioned-change";
import { NEED_DOMAIN_LABELS, NEED_STATUS_LABELS } from "./labels";
import {
  allowsNeedMove,
  hasOpenReferral,
  NEED,
  type NeedRow,
  needMoveSet,
  recordNeedTransition,
} from "./moves";
import type { NeedMoveInput, NoteNeedInput } from "./schemas";

function alreadyUnmet(domain: keyof typeof NEED_DOMAIN_LABELS, field: string): DomainError {
  const message = `This record already has an open need for ${NEED_DOMAIN_LABELS[domain].toLowerCase()}: work on that one.`;
  return new DomainError(message, { [field]: [message] });
}

/** Notes a need staff heard in conversation: open, with its first history row, audited. */
export async function noteNeed(actor: Actor, patientId: string, input: NoteNeedInput): Promise<string> {
  await authorizePatient(actor, "write:needs", patientId);
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(needs)
        .values({
          patientId,
          domain: input.domain,
          note: input.note,
          identifiedBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: needs.id });
      await recordNeedTransition(tx, actor, row!.id, null, "open", "Noted by staff.");
      await recordAudit(tx, actor, {
        action: "need.create",
        patientId,
        entityType: "need",
        entityId: row!.id,
        details: { domain: input.domain, source: "noted" },
      });
      return row!.id;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw alreadyUnmet(input.domain, "domain");
    throw error;
  }
}

interface StaffMove {
  to: NeedStatus;
  /** The statuses staff may move it from: a referred need moves only with its referrals. */
  from: readonly NeedStatus[];
  /** A refusal the move adds, read under the need's lock. */
  refuse?: (tx: Transaction, need: NeedRow) => Promise<DomainError | null>;
}

/**
 * A staff move of a need at the version they saw: declining (the patient does not want help) or
 * reopening; meeting a need goes only through a completed referral or the patient's word. The
 * need is locked before any check (changeVersioned), as every change that may move it does.
 */
async function moveNeed(actor: Actor, needId: string, move: StaffMove, input: NeedMoveInput): Promise<void> {
  const { to } = move;
  try {
    await changeVersioned(actor, NEED, {
      id: needId,
      version: input.version,
      permission: "write:needs",
      audit: { action: "need.transition" },
      change: async (tx, need) => {
        if (!move.from.includes(need.status) || !allowsNeedMove(need.status, to)) {
          const message = `A need that is ${NEED_STATUS_LABELS[need.status].toLowerCase()} cannot move to ${NEED_STATUS_LABELS[to].toLowerCase()}.`;
          throw new DomainError(message);
        }
        const refusal = await move.refuse?.(tx, need);
        if (refusal) throw refusal;
        return {
          set: needMoveSet(to),
          details: { from: need.status, to, cause: "staff" },
          after: (t) => recordNeedTransition(t, actor, needId, need.status, to, input.note),
        };
      },
    });
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    const [need] = await db().select({ domain: needs.domain }).from(needs).where(eq(needs.id, needId));
    throw alreadyUnmet(need!.domain, "note");
  }
}

/** A referral of the need still waits on its service: record what it did before declining the need. */
async function refuseWhileReferred(tx: Transaction, need: NeedRow): Promise<DomainError | null> {
  if (!(await hasOpenReferral(tx, need.id))) return null;
  const message =
    "A referral for this need is still open: record what the service did before marking it declined.";
  return new DomainError(message, { note: [message] });
}

/** The patient does not want help with this need now: it leaves the open work, kept on the record. */
export function declineNeed(actor: Actor, needId: string, input: NeedMoveInput): Promise<void> {
  return moveNeed(actor, needId, { to: "declined", from: ["open"], refuse: refuseWhileReferred }, input);
}

/** Opens a declined or met need again: she changed her mind, or the need came back. */
export function reopenNeed(actor: Actor, needId: string, input: NeedMoveInput): Promise<void> {
  return moveNeed(actor, needId, { to: "open", from: ["met", "declined"] }, input);
}
