import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { questionnaireResponses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, authorizePatient } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import { changeVersioned, versionedRecord } from "@/lib/records/versioned-change";
import { ScreeningAnswerError } from "./errors";
import { checkAnswer, unsafeReadInstrument } from "./instrument";
import {
  type AnswerInput,
  SCREENING_INSTRUMENT,
  SCREENING_PERMISSIONS,
  type ScreeningAudience,
  SOURCE_OF,
  type StartScreeningInput,
} from "./schemas";

/** A screening response as a versioned record: answered while in progress, finished it never changes. */
export const SCREENING_RESPONSE = versionedRecord({
  table: questionnaireResponses,
  entityType: "questionnaire_response",
  patientId: questionnaireResponses.patientId,
  refuseAnyChange: (row) => {
    if (row.status === "completed") throw new ScreeningAnswerError("finished", []);
  },
});

/**
 * Starts the patient's screening with the current instrument, or resumes the one in progress (one
 * per patient and instrument, `questionnaire_responses_one_open_key`): staff with her, or she in
 * the portal. Returns the response's id; audited, resumed or not.
 */
export async function startScreening(
  actor: Actor,
  patientId: string,
  audience: ScreeningAudience,
  input: StartScreeningInput,
): Promise<string> {
  await authorizePatient(actor, SCREENING_PERMISSIONS[audience].write, patientId);
  return db().transaction(async (tx) => {
    const instrument = await unsafeReadInstrument(tx, { url: SCREENING_INSTRUMENT });
    if (!instrument) throw new Error("The screening instrument is not installed: run the migrations.");
    // Two starts at once: the second finds the first one's response and resumes it.
    const [created] = await tx
      .insert(questionnaireResponses)
      .values({
        patientId,
        questionnaireId: instrument.id,
        source: SOURCE_OF[audience],
        language: input.language,
        startedBy: actor.userId,
        updatedBy: actor.userId,
      })
      .onConflictDoNothing({
        target: [questionnaireResponses.patientId, questionnaireResponses.questionnaireId],
        where: sql`status = 'in-progress'`,
      })
      .returning({ id: questionnaireResponses.id });
    const [open] = created
      ? [created]
      : await tx
          .select({ id: questionnaireResponses.id })
          .from(questionnaireResponses)
          .where(
            and(
              eq(questionnaireResponses.patientId, patientId),
              eq(questionnaireResponses.questionnaireId, instrument.id),
              eq(questionnaireResponses.status, "in-progress"),
            ),
          );
    if (!open) throw new Error("The screening in progress could not be found.");
    await recordAudit(tx, actor, {
      action: "screening.start",
      patientId,
      entityType: "questionnaire_response",
      entityId: open.id,
      details: { resumed: !created, source: SOURCE_OF[audience] },
    });
    return open.id;
  });
}

/**
 * Saves one question's answer as she goes, as the response's next version (a save against an
 * older version is refused, naming who saved first). The audit event names the question, never
 * the answer. Returns the new version.
 */
export function saveScreeningAnswer(
  actor: Actor,
  patientId: string,
  audience: ScreeningAudience,
  input: AnswerInput,
): Promise<number> {
  return changeVersioned(actor, SCREENING_RESPONSE, {
    id: input.responseId,
    version: input.version,
    permission: SCREENING_PERMISSIONS[audience].write,
    audit: { action: "screening.save", details: { question: input.linkId } },
    change: async (tx, row) => {
      if (row.patientId !== patientId) throw new NotFoundError();
      const instrument = await unsafeReadInstrument(tx, { id: row.questionnaireId });
      if (!instrument) throw new NotFoundError();
      const codes = checkAnswer(instrument, input.linkId, input.answer);
      return { set: { answers: { ...row.answers, [input.linkId]: codes } } };
    },
  });
}
