import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import {
  NEED_TRANSITIONS,
  type NeedMetReason,
  type NeedStatus,
  needs,
  needTransitions,
  referrals,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { type Row, saveVersion, versionedRecord } from "@/lib/records/versioned-change";

// A need's moves, shared by the staff's own changes (workflow.ts) and the moves a referral or the
// patient's word makes (lib/referrals): the same table of moves, the same columns, the same trail.

/** Needs as the versioned-change helper sees them (docs/decisions/010). */
export const NEED = versionedRecord({ table: needs, entityType: "need", patientId: needs.patientId });

export type NeedRow = Row<typeof needs>;

/** Whether NEED_TRANSITIONS (and the database's trigger) allows this move. */
export function allowsNeedMove(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS.some(([f, t]) => f === from && t === to);
}

/** The columns a move sets: the status, and when and why it was met, cleared when it leaves met. */
export function needMoveSet(to: NeedStatus, metReason?: NeedMetReason): PgUpdateSetSource<typeof needs> {
  if (to !== "met") return { status: to, metAt: null, metReason: null };
  if (!metReason) throw new Error("a need is met for a reason");
  return { status: to, metAt: sql`now()`, metReason };
}

/** The move's row in the need's history (append-only; the database checks the pair). */
export async function recordNeedTransition(
  tx: Transaction,
  actor: Actor,
  needId: string,
  from: NeedStatus | null,
  to: NeedStatus,
  note: string | null,
): Promise<void> {
  await tx
    .insert(needTransitions)
    .values({ needId, fromStatus: from, toStatus: to, note, actorId: actor.userId });
}

/** Another need of the same domain still open or referred: reopening this one would make two. */
export async function hasOtherUnmetNeed(
  tx: Transaction,
  need: Pick<NeedRow, "id" | "patientId" | "domain">,
): Promise<boolean> {
  const [other] = await tx
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        eq(needs.patientId, need.patientId),
        eq(needs.domain, need.domain),
        ne(needs.id, need.id),
        inArray(needs.status, ["open", "referred"]),
      ),
    )
    .limit(1);
  return other !== undefined;
}

/**
 * Whether a referral of the need, other than `except`, still waits on its service (sent or
 * accepted). Read under the need's lock: every change that opens or ends a referral of it takes
 * that lock first, so the answer holds until the transaction ends.
 */
export async function hasOpenReferral(tx: Transaction, needId: string, except?: string): Promise<boolean> {
  const [other] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.needId, needId),
        except ? ne(referrals.id, except) : undefined,
        inArray(referrals.status, ["sent", "accepted"]),
      ),
    )
    .limit(1);
  return other !== undefined;
}

export interface FollowingMove {
  /** The statuses the need moves from; standing in any other, it stays as it is. */
  from: readonly NeedStatus[];
  to: NeedStatus;
  metReason?: NeedMetReason;
  /** Said in the need's history: what caused the move. */
  note: string;
  /** Named in the audit event: "referral" or "patient". */
  cause: string;
}

/**
 * A need moved because its referral moved or the patient spoke, inside that change's transaction:
 * locked, moved only from the statuses given (and never reopened beside another unmet need of its
 * domain), written as its next version with its transition row and audit event. Returns whether it moved.
 */
export async function moveNeedWithin(
  tx: Transaction,
  actor: Actor,
  needId: string,
  move: FollowingMove,
): Promise<boolean> {
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for("update");
  if (!need || !move.from.includes(need.status) || !allowsNeedMove(need.status, move.to)) return false;
  if (move.to === "open" && (await hasOtherUnmetNeed(tx, need))) return false;
  await saveVersion(tx, actor, NEED, need, needMoveSet(move.to, move.metReason), {
    action: "need.transition",
    patientId: need.patientId,
    details: { from: need.status, to: move.to, cause: move.cause },
  });
  await recordNeedTransition(tx, actor, needId, need.status, move.to, move.note);
  return true;
}
