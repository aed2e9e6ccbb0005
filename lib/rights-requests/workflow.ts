import "server-only";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Transaction } from "@/db/client";
import { rightsRequests, type WrittenLanguage } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditDetails } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz";
import { rightsExtendedDueOn } from "@/lib/clocks";
import { DomainError } from "@/lib/errors";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { changeVersioned, type Row, versionedRecord } from "@/lib/records/versioned-change";
import { zonedDate } from "@/lib/time";
import { tellRightsDecided } from "./notices";
import {
  DENIAL_REASONS,
  type DecideInput,
  type DisagreementInput,
  type ExtendInput,
  type RespondInput,
} from "./schemas";

/** Rights requests as the versioned-change helper sees them (docs/decisions/010). */
const RIGHTS_REQUEST = versionedRecord({
  table: rightsRequests,
  entityType: "rights_request",
  patientId: rightsRequests.patientId,
});

type Locked = Row<typeof rightsRequests>;
/** What a step sets, and what its audit event adds. */
type Step = { set: PgUpdateSetSource<typeof rightsRequests>; details?: AuditDetails };

/** One step of a request's handling, against the version the advocate saw, audited as `action`. */
async function changeRequest(
  actor: Actor,
  requestId: string,
  version: number,
  action: AuditAction,
  change: (request: Locked, today: string, tx: Transaction) => Step | Promise<Step>,
): Promise<void> {
  await changeVersioned(actor, RIGHTS_REQUEST, {
    id: requestId,
    version,
    permission: "write:rightsRequest",
    audit: { action },
    change: async (tx, request) => change(request, zonedDate(), tx),
  });
}

function refuse(field: string, message: string): never {
  throw new DomainError(message, { [field]: [message] });
}

/** The language staff write to the patient in unless they choose another. */
async function patientLanguage(tx: Transaction, patientId: string): Promise<WrittenLanguage> {
  return (await unsafeReadLanguageNeed(tx, patientId)).defaultLanguage;
}

/**
 * The letter in `language` with its reason in English beside, only beside Spanish (as the
 * database's check also says). The audit names the language and whether English sits beside
 * it, never the words.
 */
function letterIn(
  language: WrittenLanguage,
  reasonEnglish: string | null | undefined,
): { language: WrittenLanguage; english: string | null; details: AuditDetails } {
  const english = reasonEnglish ?? null;
  if (english !== null && language !== "es")
    refuse("reasonEnglish", "Leave the English version empty when the letter itself is in English.");
  return { language, english, details: { letterLanguage: language, englishBeside: english !== null } };
}

/**
 * The one extension: only for access, amendment and accounting, before the first deadline passes,
 * with the written reason the patient was given and the date they were told.
 */
export async function extendRightsRequest(
  actor: Actor,
  requestId: string,
  input: ExtendInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.extend", async (r, today, tx) => {
    const extended = rightsExtendedDueOn(r.type, r.dueOn);
    if (extended === null) refuse("reason", "This kind of request has no extension.");
    if (r.extendedDueOn)
      refuse("reason", "This request was already extended once; there is only one extension.");
    if (r.decision) refuse("reason", "This request is already decided.");
    if (r.dueOn < today)
      refuse("reason", "The first deadline has passed: an extension must be given before it.");
    if (input.notifiedOn > r.dueOn || input.notifiedOn < r.receivedOn)
      refuse("notifiedOn", "The patient must be told between receiving the request and the first deadline.");
    const letter = letterIn(
      input.letterLanguage ?? (await patientLanguage(tx, r.patientId)),
      input.reasonEnglish,
    );
    return {
      set: {
        extendedDueOn: extended,
        extensionReason: input.reason,
        extensionNotifiedOn: input.notifiedOn,
        letterLanguage: letter.language,
        extensionReasonEnglish: letter.english,
      },
      details: letter.details,
    };
  });
}

/** Records the decision, with the rules that come with each kind of request. */
export async function decideRightsRequest(
  actor: Actor,
  requestId: string,
  input: DecideInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.decide", async (r, _today, tx) => {
    if (r.responseSentOn) refuse("decision", "The response was sent; the decision stands.");
    // The extension letter went out in its language: both letters keep it, so the one on file
    // reads as it was sent.
    const extended = r.extendedDueOn !== null;
    if (extended && input.letterLanguage && input.letterLanguage !== r.letterLanguage)
      refuse(
        "letterLanguage",
        `The extension letter went in ${r.letterLanguage === "es" ? "Spanish" : "English"}: the decision letter goes in the same language.`,
      );
    const letter = letterIn(
      input.letterLanguage ?? (extended ? r.letterLanguage : await patientLanguage(tx, r.patientId)),
      input.reasonEnglish,
    );
    if (letter.english !== null && !input.reason)
      refuse("reasonEnglish", "Write the explanation itself first; the English version goes beside it.");
    if (input.decidedOn < r.receivedOn)
      refuse("decidedOn", "The decision cannot be before the request was received.");
    if (input.decision !== "granted") {
      if (r.type === "restriction" && r.healthPlanSelfPay)
        refuse(
          "decision",
          "A restriction on telling a health plan about care the patient paid for in full must be granted (164.522(a)(1)(vi)).",
        );
      if (!input.reasonCode || !(input.reasonCode in DENIAL_REASONS[r.type]))
        refuse("reasonCode", "Choose the reason from the list.");
      if (!input.reason || input.reason.length < 10)
        refuse("reason", "Explain the decision in words the patient will read.");
      if (r.type === "amendment" && !input.disagreementRightStated)
        refuse(
          "disagreementRightStated",
          "A denied amendment must tell the patient they may file a statement of disagreement (164.526(d)).",
        );
    }
    await tellRightsDecided(tx, r);
    return {
      set: {
        decision: input.decision,
        decisionReasonCode: input.decision === "granted" ? null : input.reasonCode,
        decisionReason: input.reason,
        disagreementRightStated:
          r.type === "amendment" && input.decision !== "granted" && input.disagreementRightStated,
        decidedOn: input.decidedOn,
        letterLanguage: letter.language,
        decisionReasonEnglish: letter.english,
      },
      details: letter.details,
    };
  });
}

/** The date the written response went to the patient: the request is answered. */
export async function recordRightsResponse(
  actor: Actor,
  requestId: string,
  input: RespondInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.respond", (r) => {
    if (!r.decision || !r.decidedOn) refuse("sentOn", "Record the decision first.");
    if (r.responseSentOn) refuse("sentOn", "The response was already sent.");
    if (input.sentOn < r.decidedOn) refuse("sentOn", "The response cannot go out before the decision.");
    return { set: { responseSentOn: input.sentOn } };
  });
}

/** The patient's statement of disagreement with a denied amendment, linked to the request (164.526(d)). */
export async function recordDisagreement(
  actor: Actor,
  requestId: string,
  input: DisagreementInput,
): Promise<void> {
  await changeRequest(actor, requestId, input.version, "rights-request.disagreement", (r) => {
    if (r.type !== "amendment" || (r.decision !== "denied" && r.decision !== "partly-granted"))
      refuse("statement", "A statement of disagreement follows a denied amendment only.");
    if (r.disagreementStatement) refuse("statement", "The statement of disagreement is already recorded.");
    return { set: { disagreementStatement: input.statement, disagreementReceivedOn: input.receivedOn } };
  });
}
