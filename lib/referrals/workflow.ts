import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db/client";
import { needs, referrals, referralTransitions, services } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { DomainError, NotFoundError, pgErrorCode } from "@/lib/errors";
import { NEED_DOMAIN_LABELS, NEED_STATUS_LABELS } from "@/lib/needs/labels";
import { hasOpenReferral, moveNeedWithin } from "@/lib/needs/moves";
import { changeVersioned, versionedRecord } from "@/lib/records/versioned-change";
import {
  nextReferralStatuses,
  REFERRAL_STATUS_LABELS,
  type ReferInput,
  type ReferralMoveInput,
} from "./schemas";

/**
 * Locks the need of a referral. Every change that may move a need takes its lock first, before the
 * referral's and before any check: two referrals of one need ending at once, or one sent while
 * another ends, then each read what the other committed (whether another referral still waits).
 */
async function lockNeedOfReferral(tx: Transaction, referralId: string): Promise<void> {
  await tx
    .select({ id: needs.id })
    .from(needs)
    .where(
      inArray(
        needs.id,
        tx.select({ id: referrals.needId }).from(referrals).where(eq(referrals.id, referralId)),
      ),
    )
    .for("update", { of: needs });
}

/** Referrals as the versioned-change helper sees them (docs/decisions/010): their need locked first. */
export const REFERRAL = versionedRecord({
  table: referrals,
  entityType: "referral",
  patientId: referrals.patientId,
  lockFirst: lockNeedOfReferral,
});

/**
 * Refers a need to a service of the directory: in one transaction the referral (sent, with the day
 * the service should answer by), its first history row, and the need moved from open to referred.
 */
export async function referNeed(actor: Actor, needId: string, input: ReferInput): Promise<string> {
  const [owner] = await db().select({ patientId: needs.patientId }).from(needs).where(eq(needs.id, needId));
  if (!owner) throw new NotFoundError();
  const patientId = owner.patientId;
  await authorizePatient(actor, "write:referral", patientId);
  try {
    return await db().transaction(async (tx) => {
      // The need first, as every change that may move it (REFERRAL's lockFirst).
      const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for("update");
      if (need!.status !== "open" && need!.status !== "referred") {
        const status = NEED_STATUS_LABELS[need!.status].toLowerCase();
        throw new DomainError(`This need is ${status}: reopen it before referring it.`);
      }
      const [service] = await tx
        .select({ name: services.name, active: services.active, domains: services.domains })
        .from(services)
        .where(eq(services.id, input.serviceId));
      const refuse = (message: string) => new DomainError(message, { serviceId: [message] });
      if (!service?.active) throw refuse("That service is not in the directory any more. Choose another.");
      if (!service.domains.includes(need!.domain))
        throw refuse(
          `That service does not list ${NEED_DOMAIN_LABELS[need!.domain].toLowerCase()} among the needs it meets.`,
        );
      const [row] = await tx
        .insert(referrals)
        .values({
          patientId,
          needId,
          serviceId: input.serviceId,
          note: input.note,
          acceptDueOn: input.acceptDueOn,
          sentBy: actor.userId,
          updatedBy: actor.userId,
        })
        .returning({ id: referrals.id });
      const referralId = row!.id;
      await tx
        .insert(referralTransitions)
        .values({ referralId, fromStatus: null, toStatus: "sent", note: input.note, actorId: actor.userId });
      await moveNeedWithin(tx, actor, needId, {
        from: ["open"],
        to: "referred",
        note: `Referred to ${service.name}.`,
        cause: "referral",
      });
      await recordAudit(tx, actor, {
        action: "referral.create",
        patientId,
        entityType: "referral",
        entityId: referralId,
        details: { need: needId, service: input.serviceId, acceptDueOn: input.acceptDueOn },
      });
      return referralId;
    });
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    const message = "This need already has an open referral to that service.";
    throw new DomainError(message, { serviceId: [message] });
  }
}

/**
 * Records what the service did, at the version the advocate saw: accepted (with the day the help
 * should be given by), or ended with an outcome. A completed referral meets its need; one that
 * ends without help reopens the need when no other referral for it is still waiting.
 */
export async function transitionReferral(
  actor: Actor,
  referralId: string,
  input: ReferralMoveInput,
): Promise<void> {
  await changeVersioned(actor, REFERRAL, {
    id: referralId,
    version: input.version,
    permission: "write:referral",
    audit: { action: "referral.transition" },
    change: async (_tx, r) => {
      const from = r.status;
      const to = input.to;
      if (!nextReferralStatuses(from).includes(to)) {
        const message = `A referral that is ${REFERRAL_STATUS_LABELS[from].toLowerCase()} cannot move to ${REFERRAL_STATUS_LABELS[to].toLowerCase()}.`;
        throw new DomainError(message, { to: [message] });
      }
      const set: PgUpdateSetSource<typeof referrals> = { status: to };
      if (to === "accepted") {
        if (!input.completeDueOn) {
          const message = "Enter the day the help should be given by.";
          throw new DomainError(message, { completeDueOn: [message] });
        }
        Object.assign(set, { acceptedAt: sql`now()`, completeDueOn: input.completeDueOn });
      } else {
        if (!input.outcome) {
          const message = "Say what happened, in a sentence.";
          throw new DomainError(message, { outcome: [message] });
        }
        Object.assign(set, { endedAt: sql`now()`, outcome: input.outcome });
      }
      return {
        set,
        details: { from, to },
        after: async (tx) => {
          await tx.insert(referralTransitions).values({
            referralId,
            fromStatus: from,
            toStatus: to,
            note: input.outcome,
            actorId: actor.userId,
          });
          if (to === "completed")
            await moveNeedWithin(tx, actor, r.needId, {
              from: ["open", "referred"],
              to: "met",
              metReason: "referral-completed",
              note: "The referral was completed.",
              cause: "referral",
            });
          else if (to !== "accepted" && !(await hasOpenReferral(tx, r.needId, referralId)))
            await moveNeedWithin(tx, actor, r.needId, {
              from: ["referred"],
              to: "open",
              note: "The referral ended without help.",
              cause: "referral",
            });
        },
      };
    },
  });
}
