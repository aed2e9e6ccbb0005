import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { changeVersioned } from "@/lib/records/versioned-change";
import type { AnswerInput, FlagInput, ResolveInput } from "./schemas";
import { DECISION, isFlagged, tellCoordinators, writeDecisionVersion } from "./versions";

// The patient's word on a decision record, the advocate's flag, and the coordinator's resolution.
// A flag raised after an earlier one was resolved starts a new round: the earlier flag and its
// resolution stay in decision_versions, and the row holds the round that is open.

/** What a refusal tells her, in her language; English when the caller gives none. */
export interface AnswerRefusals {
  comment: string;
  alreadyAnswered: string;
}

const IN_ENGLISH: AnswerRefusals = {
  comment: "Tell us what is not right, in a few words.",
  alreadyAnswered: "You have already answered about this record. Your care coordinator will be in touch.",
};

/** A fresh flag clears the resolution of the round before, and that round's other flag. */
const newRound = (resolvedAt: Date | null, others: Record<string, null>) =>
  resolvedAt ? { resolvedAt: null, resolvedBy: null, resolution: null, ...others } : {};

/**
 * The patient's answer: "yes, this is what I decided" (only while she has not been asked, or was
 * asked again after a resolution), or "no" with her comment, which flags the record and tells the
 * coordinators who hold her in the same transaction. A "no" stands until a coordinator resolves it.
 */
export async function answerDecision(
  actor: Actor,
  decisionId: string,
  input: AnswerInput,
  refusals: AnswerRefusals = IN_ENGLISH,
): Promise<number> {
  return changeVersioned(actor, DECISION, {
    id: decisionId,
    version: input.version,
    permission: "confirm:decision:portal",
    audit: { action: "decision.confirm" },
    change: async (_tx, row) => {
      if (input.answer === "no" && !input.comment?.trim())
        throw new DomainError(refusals.comment, { comment: [refusals.comment] });
      const open = input.answer === "yes" ? row.confirmation === "pending" : row.confirmation !== "disputed";
      if (!open) throw new DomainError(refusals.alreadyAnswered);
      const stamp = { confirmationAt: sql`now()`, confirmationBy: actor.userId };
      if (input.answer === "yes")
        return {
          set: { confirmation: "confirmed" as const, ...stamp },
          details: { answer: "yes", version: input.version + 1 },
          after: (tx) => writeDecisionVersion(tx, decisionId, actor.userId),
        };
      return {
        set: {
          confirmation: "disputed" as const,
          ...stamp,
          patientComment: input.comment!.trim(),
          ...newRound(row.resolvedAt, {
            voiceNotReflectedAt: null,
            voiceNotReflectedBy: null,
            voiceNote: null,
          }),
        },
        details: { answer: "no", version: input.version + 1 },
        after: async (tx, next) => {
          await writeDecisionVersion(tx, decisionId, actor.userId);
          await tellCoordinators(tx, actor, row, next);
        },
      };
    },
  });
}

/**
 * The advocate's "the patient's voice is not reflected", with a note: flags the record and tells
 * the coordinators who hold the patient. An edit does not clear it; resolving does.
 */
export async function flagDecision(actor: Actor, decisionId: string, input: FlagInput): Promise<number> {
  return changeVersioned(actor, DECISION, {
    id: decisionId,
    version: input.version,
    permission: "flag:decision",
    audit: { action: "decision.flag-voice" },
    change: async (_tx, row) => {
      if (row.voiceNotReflectedAt && !row.resolvedAt)
        throw new DomainError(
          "This record is already flagged. Its flag stays until a coordinator resolves it.",
        );
      return {
        set: {
          voiceNotReflectedAt: sql`now()`,
          voiceNotReflectedBy: actor.userId,
          voiceNote: input.note,
          ...newRound(row.resolvedAt, {}),
        },
        details: { version: input.version + 1 },
        after: async (tx, next) => {
          await writeDecisionVersion(tx, decisionId, actor.userId);
          await tellCoordinators(tx, actor, row, next);
        },
      };
    },
  });
}

/**
 * Resolves a flagged record with a note of how: the flags stay on the record and in its history,
 * and her answer goes back to "not asked yet", so the portal asks her again.
 */
export async function resolveDecision(
  actor: Actor,
  decisionId: string,
  input: ResolveInput,
): Promise<number> {
  return changeVersioned(actor, DECISION, {
    id: decisionId,
    version: input.version,
    permission: "resolve:decision",
    audit: { action: "decision.resolve" },
    change: async (_tx, row) => {
      if (!isFlagged(row)) throw new DomainError("This record is not flagged: there is nothing to resolve.");
      return {
        set: {
          resolvedAt: sql`now()`,
          resolvedBy: actor.userId,
          resolution: input.resolution,
          confirmation: "pending" as const,
          confirmationAt: null,
          confirmationBy: null,
        },
        details: {
          disputed: row.confirmation === "disputed",
          voiceNotReflected: row.voiceNotReflectedAt !== null,
          version: input.version + 1,
        },
        after: (tx) => writeDecisionVersion(tx, decisionId, actor.userId),
      };
    },
  });
}
