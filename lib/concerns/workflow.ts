import "server-only";
import { sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import { CONCERN_TRANSITIONS, type ConcernStatus, concerns, concernTransitions } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditDetails } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";
import { zonedDate } from "@/lib/time";
import { tellConcernAnswered } from "./notices";
import {
  CONCERN_STATUS_LABELS,
  type ConcernTransitionInput,
  type InterimInput,
  isOpenStatus,
  type QioInput,
  type ResolveInput,
} from "./schemas";

/** Concerns as the versioned-change helper sees them (docs/decisions/010). */
const CONCERN = versionedRecord({
  table: concerns,
  entityType: "concern",
  patientId: concerns.patientId,
});

/** What a change to a concern does: the fields it sets, the move it makes with its note, audit details. */
interface ConcernChange {
  set: PgUpdateSetSource<typeof concerns>;
  to?: ConcernStatus;
  note?: string | null;
  details?: AuditDetails;
}

/**
 * Every change to a concern: the actor may write the patient's concerns, the save was made
 * against the version they saw, the concern is not closed, and the change, its transition row and
 * the audit event commit together.
 */
export async function changeConcern(
  actor: Actor,
  concernId: string,
  version: number,
  audit: { action: AuditAction; details?: AuditDetails },
  change: (tx: Transaction, concern: Row<typeof concerns>) => Promise<ConcernChange>,
): Promise<void> {
  await changeVersioned(actor, CONCERN, {
    id: concernId,
    version,
    permission: "write:concern",
    audit,
    change: async (tx, concern) => {
      if (concern.status === "closed")
        throw new DomainError("This concern is closed and can no longer change.");
      const { set, to, note, details } = await change(tx, concern);
      if (!to) return { set, details };
      const from = concern.status;
      return {
        set: { ...set, status: to },
        details: { ...details, from, to },
        after: async (t) => {
          await t
            .insert(concernTransitions)
            .values({ concernId, fromStatus: from, toStatus: to, note: note ?? null, actorId: actor.userId });
        },
      };
    },
  });
}

function refuseMove(from: ConcernStatus, to: ConcernStatus): never {
  const message = `A concern that is ${CONCERN_STATUS_LABELS[from].toLowerCase()} cannot move to ${CONCERN_STATUS_LABELS[to].toLowerCase()}.`;
  throw new DomainError(message, { to: [message] });
}

/** Moves a concern along the workflow (resolving goes through resolveConcern, with the response). */
export async function transitionConcern(
  actor: Actor,
  concernId: string,
  input: ConcernTransitionInput,
): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.transition" }, async (_tx, c) => {
    if (!CONCERN_TRANSITIONS.some(([from, to]) => from === c.status && to === input.to))
      refuseMove(c.status, input.to);
    if (input.to === "resolved")
      throw new DomainError("Resolving needs the written response to the patient: use the response form.");
    const set: PgUpdateSetSource<typeof concerns> = {};
    if (input.to === "acknowledged") set.acknowledgedAt = sql`now()`;
    if (input.to === "closed") set.closedAt = sql`now()`;
    return { set, to: input.to, note: input.note };
  });
}

/**
 * Resolves a concern with the written response the patient receives, which must state the
 * contact person, the steps taken to investigate, the results and the date of completion. The
 * steps and results are kept in the language they are written in (the patient's own unless the
 * form says), with English beside Spanish when given; the audit names the language, never the text.
 */
export async function resolveConcern(actor: Actor, concernId: string, input: ResolveInput): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.resolve" }, async (tx, c) => {
    if (!CONCERN_TRANSITIONS.some(([from, to]) => from === c.status && to === "resolved"))
      refuseMove(c.status, "resolved");
    if (input.responseCompletedOn < zonedDate(c.receivedAt)) {
      const message = "The date of completion cannot be before the concern was received.";
      throw new DomainError(message, { responseCompletedOn: [message] });
    }
    const language = input.language ?? (await unsafeReadLanguageNeed(tx, c.patientId)).defaultLanguage;
    const { responseStepsEnglish, responseResultsEnglish } = input;
    if (language !== "es" && (responseStepsEnglish || responseResultsEnglish))
      throw new DomainError("Leave the English versions empty: the response itself is in English.");
    await tellConcernAnswered(tx, c);
    return {
      set: {
        responseContact: input.responseContact,
        responseSteps: input.responseSteps,
        responseResults: input.responseResults,
        responseCompletedOn: input.responseCompletedOn,
        responseLanguage: language,
        responseStepsEnglish,
        responseResultsEnglish,
        resolvedAt: sql`now()`,
        acknowledgedAt: sql`coalesce(${concerns.acknowledgedAt}, now())`,
      },
      to: "resolved",
      note: "Written response sent to the patient.",
      details: { language, englishBeside: Boolean(responseStepsEnglish && responseResultsEnglish) },
    };
  });
}

/** Records the written interim notice: still being worked on, and when the patient will hear back. */
export async function sendInterimNotice(actor: Actor, concernId: string, input: InterimInput): Promise<void> {
  await changeConcern(
    actor,
    concernId,
    input.version,
    { action: "concern.interim-notice" },
    async (_tx, c) => {
      if (!isOpenStatus(c.status))
        throw new DomainError("This concern is resolved: the response has been sent.");
      return {
        set: {
          interimNoticeSentAt: sql`now()`,
          interimExpectedBy: input.expectedBy,
          interimMessage: input.message,
        },
      };
    },
  );
}

/** Marks a quality-of-care or premature-discharge concern as referred to the Quality Improvement Organization. */
export async function referToQio(actor: Actor, concernId: string, input: QioInput): Promise<void> {
  await changeConcern(actor, concernId, input.version, { action: "concern.qio-referral" }, async (_tx, c) => {
    if (c.category !== "quality-of-care" && !c.aboutDischarge) {
      const message = "Only concerns about quality of care or a premature discharge go to the QIO.";
      throw new DomainError(message, { referredOn: [message] });
    }
    if (input.referredOn < zonedDate(c.receivedAt)) {
      const message = "The referral cannot be before the concern was received.";
      throw new DomainError(message, { referredOn: [message] });
    }
    return { set: { qioReferredOn: input.referredOn } };
  });
}
