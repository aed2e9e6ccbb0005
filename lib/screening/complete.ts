import "server-only";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type CaseloadKind, type NeedDomain, needs, needTransitions, screeningResults } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { notifyStaff } from "@/lib/notifications/outbox";
import { unsafeCaseloadStaff } from "@/lib/patients/caseload-staff";
import { changeVersioned } from "@/lib/records/versioned-change";
import { ScreeningAnswerError } from "./errors";
import { unansweredRequired, unsafeReadInstrument } from "./instrument";
import { SCREENING_RESPONSE } from "./respond";
import { type FinishScreeningInput, SCREENING_PERMISSIONS, type ScreeningAudience } from "./schemas";
import { type DomainResult, scoreAnswers } from "./score";

/** What finishing found: the positive domains, the needs it opened, whether the team was alerted. */
export interface CompletedScreening {
  responseId: string;
  positiveDomains: NeedDomain[];
  /** The positive domains that had no unmet need yet: each now an open need. */
  needsOpened: NeedDomain[];
  /** A positive urgent domain (safety): the patient is told where to get help now. */
  urgent: boolean;
}

/**
 * Finishes a screening, all of it in one transaction: every required question answered (else a
 * ScreeningAnswerError naming them), the response completed, one result per scored domain, an
 * open need for each positive domain without an unmet one already (`needs_one_unmet_per_domain_key`),
 * and for an urgent positive (safety) a same-day notification to the caseload (`safetyAlertRecipients`).
 * Audited with how many domains were positive, never the answers.
 */
export async function completeScreening(
  actor: Actor,
  patientId: string,
  audience: ScreeningAudience,
  input: FinishScreeningInput,
): Promise<CompletedScreening> {
  let results: DomainResult[] = [];
  const opened: NeedDomain[] = [];
  await changeVersioned(actor, SCREENING_RESPONSE, {
    id: input.responseId,
    version: input.version,
    permission: SCREENING_PERMISSIONS[audience].write,
    audit: { action: "screening.complete" },
    change: async (tx, row) => {
      if (row.patientId !== patientId) throw new NotFoundError();
      const instrument = await unsafeReadInstrument(tx, { id: row.questionnaireId });
      if (!instrument) throw new NotFoundError();
      const missing = unansweredRequired(instrument, row.answers);
      if (missing.length > 0)
        throw new ScreeningAnswerError(
          "unanswered",
          missing.map((m) => m.number),
          missing.map((m) => m.linkId),
        );
      results = scoreAnswers(instrument, row.answers);
      return {
        set: { status: "completed" as const, completedAt: sql`now()`, completedBy: actor.userId },
        details: { positiveDomains: results.filter((r) => r.positive).length },
        after: async (tx) => {
          await recordResults(tx, patientId, row.id, results);
          opened.push(...(await openNeeds(tx, actor, patientId, row.id, results)));
          if (results.some((r) => r.urgent)) await alertCaseload(tx, actor, patientId, row.id);
        },
      };
    },
  });
  return {
    responseId: input.responseId,
    positiveDomains: results.filter((r) => r.positive).map((r) => r.domain),
    needsOpened: opened,
    urgent: results.some((r) => r.urgent),
  };
}

async function recordResults(
  tx: Transaction,
  patientId: string,
  responseId: string,
  results: DomainResult[],
) {
  if (results.length === 0) return;
  await tx
    .insert(screeningResults)
    .values(
      results.map((r) => ({ responseId, patientId, domain: r.domain, positive: r.positive, score: r.score })),
    );
}

/** An open need per positive domain, unless one is open or referred already; each with its first move. */
async function openNeeds(
  tx: Transaction,
  actor: Actor,
  patientId: string,
  responseId: string,
  results: DomainResult[],
): Promise<NeedDomain[]> {
  const positive = results.filter((r) => r.positive);
  if (positive.length === 0) return [];
  const created = await tx
    .insert(needs)
    .values(
      positive.map((r) => ({
        patientId,
        domain: r.domain,
        responseId,
        identifiedBy: actor.userId,
        updatedBy: actor.userId,
      })),
    )
    .onConflictDoNothing({
      target: [needs.patientId, needs.domain],
      where: sql`status in ('open','referred')`,
    })
    .returning({ id: needs.id, domain: needs.domain });
  if (created.length === 0) return [];
  await tx
    .insert(needTransitions)
    .values(
      created.map((n) => ({ needId: n.id, fromStatus: null, toStatus: "open", actorId: actor.userId })),
    );
  for (const n of created)
    await recordAudit(tx, actor, {
      action: "need.create",
      patientId,
      entityType: "need",
      entityId: n.id,
      details: { from: "screening", responseId },
    });
  return created.map((n) => n.domain);
}

/**
 * Who is told of an urgent screening: the caseload's advocates; when none is left besides whoever
 * finished it (she has only a coordinator, or her lone advocate screened her), the caseload's
 * coordinators. The finisher is never told of their own screening: staff who finished it saw it,
 * and the patient is never on her own caseload, so a portal screening always reaches her staff.
 */
export function safetyAlertRecipients(
  caseload: readonly { id: string; kind: CaseloadKind }[],
  finisherId: string,
): string[] {
  const others = caseload.filter((s) => s.id !== finisherId);
  const advocates = others.filter((s) => s.kind === "advocate");
  const chosen = advocates.length > 0 ? advocates : others.filter((s) => s.kind === "coordinator");
  return [...new Set(chosen.map((s) => s.id))];
}

/**
 * The same-day alert to the staff who hold the patient (`safetyAlertRecipients`; bell and email,
 * whose words never say what was found), never to family: "safety-screen" has no family scope.
 */
async function alertCaseload(tx: Transaction, actor: Actor, patientId: string, responseId: string) {
  await notifyStaff(
    tx,
    {
      kind: "safety-screen",
      key: `safety-screen:${responseId}`,
      patientId,
      path: `/patients/${patientId}/needs`,
    },
    safetyAlertRecipients(await unsafeCaseloadStaff(tx, patientId), actor.userId),
    ["portal", "email"],
  );
}
