import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { questionnaireResponses, screeningResults } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { readPatientRecord } from "@/lib/records/patient-read";
import type { WrittenLanguage } from "@/lib/written-language";
import { type LocalizedInstrument, localizeInstrument, unsafeReadInstrument } from "./instrument";
import { type OpenScreening, unsafeOpenScreening } from "./reads";
import { SCREENING_INSTRUMENT, SCREENING_PERMISSIONS } from "./schemas";

/** How long after finishing the page still shows where to get help now: not to whoever opens the link later. */
export const HELP_NOW_MINUTES = 15;

/**
 * What the patient is told after finishing: whether the care team will be in touch about needs,
 * and whether to show where to get help now (an urgent domain, safety, finished within
 * HELP_NOW_MINUTES by the database's clock). Never a domain or a score.
 */
export interface FinishedScreening {
  completedAt: Date;
  needsFollowUp: boolean;
  showHelpNow: boolean;
}

export interface MyScreening {
  canWrite: boolean;
  /** The questions in her language: the in-progress response's instrument version, else the current one. */
  instrument: LocalizedInstrument;
  inProgress: Omit<OpenScreening, "instrument"> | null;
  lastCompletedAt: Date | null;
  finished: FinishedScreening | null;
}

/** One of her finished screenings, read by id within her own record only. */
async function unsafeFinished(
  executor: Executor,
  patientId: string,
  responseId: string,
): Promise<FinishedScreening | null> {
  const [response] = await executor
    .select({
      completedAt: questionnaireResponses.completedAt,
      questionnaireId: questionnaireResponses.questionnaireId,
      // The link in her address bar outlives the moment: someone else may open it later.
      recent: sql<boolean>`${questionnaireResponses.completedAt} > now() - make_interval(mins => ${HELP_NOW_MINUTES})`,
    })
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.id, responseId),
        eq(questionnaireResponses.patientId, patientId),
        eq(questionnaireResponses.status, "completed"),
      ),
    );
  if (!response?.completedAt) return null;
  const [instrument, positive] = await Promise.all([
    unsafeReadInstrument(executor, { id: response.questionnaireId }),
    executor
      .select({ domain: screeningResults.domain })
      .from(screeningResults)
      .where(and(eq(screeningResults.responseId, responseId), eq(screeningResults.positive, true))),
  ]);
  const urgent = new Set(instrument?.scoring.filter((r) => r.urgent).map((r) => r.domain));
  return {
    completedAt: response.completedAt,
    needsFollowUp: positive.length > 0,
    showHelpNow: response.recent && positive.some((p) => urgent.has(p.domain)),
  };
}

/**
 * The patient's own screening in the portal, in her language: the one in progress, when she last
 * finished one, and (just after finishing) what happens next. Self only: family never (the
 * policy's `read:screening:portal`). Audited.
 */
export async function getMyScreening(
  actor: Actor,
  patientId: string,
  options: { language: WrittenLanguage; finished?: string },
) {
  return readPatientRecord(
    actor,
    SCREENING_PERMISSIONS.portal.read,
    patientId,
    async ({ database, can }): Promise<MyScreening> => {
      const [open, [last], finished] = await Promise.all([
        unsafeOpenScreening(database, patientId, options.language),
        database
          .select({ completedAt: questionnaireResponses.completedAt })
          .from(questionnaireResponses)
          .where(
            and(
              eq(questionnaireResponses.patientId, patientId),
              eq(questionnaireResponses.status, "completed"),
            ),
          )
          .orderBy(desc(questionnaireResponses.completedAt))
          .limit(1),
        options.finished ? unsafeFinished(database, patientId, options.finished) : null,
      ]);
      let instrument = open?.instrument;
      if (!instrument) {
        const current = await unsafeReadInstrument(database, { url: SCREENING_INSTRUMENT });
        if (!current) throw new Error("The screening instrument is not installed: run the migrations.");
        instrument = localizeInstrument(current, options.language);
      }
      const inProgress = open ? (({ instrument: _, ...rest }) => rest)(open) : null;
      return {
        canWrite: can(SCREENING_PERMISSIONS.portal.write),
        instrument,
        inProgress,
        lastCompletedAt: last?.completedAt ?? null,
        finished,
      };
    },
    "portal.screening",
  );
}
