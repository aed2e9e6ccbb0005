import "server-only";
import { and, desc, eq, notExists, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { type NeedDomain, questionnaireResponses, questionnaires, screeningResults } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { readPatientRecord } from "@/lib/records/patient-read";
import { nothing, oneOf, type PartValue, readTogether } from "@/lib/records/read-together";
import type { WrittenLanguage } from "@/lib/written-language";
import {
  INSTRUMENT_COLUMNS,
  type LocalizedInstrument,
  localizeInstrument,
  type ScoringRule,
  toInstrumentRow,
} from "./instrument";
import { inProgressScreening, type OpenScreening, toOpenScreening, unsafeOpenScreeningPart } from "./reads";
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

/** One of her finished screenings, read by id within her own record only, as a part of the page's read. */
function unsafeFinishedPart(patientId: string, responseId: string) {
  const positive = new QueryBuilder()
    .select({ domain: screeningResults.domain })
    .from(screeningResults)
    .where(
      and(eq(screeningResults.responseId, questionnaireResponses.id), eq(screeningResults.positive, true)),
    );
  return oneOf(
    {
      completedAt: questionnaireResponses.completedAt,
      scoring: questionnaires.scoring,
      positive: sql<NeedDomain[]>`array(${positive})`,
      // The link in her address bar outlives the moment: someone else may open it later.
      recent: sql<boolean>`${questionnaireResponses.completedAt} > now() - make_interval(mins => ${HELP_NOW_MINUTES})`,
    },
    (q) =>
      q
        .from(questionnaireResponses)
        .innerJoin(questionnaires, eq(questionnaires.id, questionnaireResponses.questionnaireId))
        .where(
          and(
            eq(questionnaireResponses.id, responseId),
            eq(questionnaireResponses.patientId, patientId),
            eq(questionnaireResponses.status, "completed"),
          ),
        ),
  );
}

function toFinished(response: PartValue<ReturnType<typeof unsafeFinishedPart>>): FinishedScreening | null {
  if (!response?.completedAt) return null;
  const urgent = new Set((response.scoring as ScoringRule[]).filter((r) => r.urgent).map((r) => r.domain));
  return {
    completedAt: response.completedAt,
    needsFollowUp: response.positive.length > 0,
    showHelpNow: response.recent && response.positive.some((domain) => urgent.has(domain)),
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
      const { open, current, last, finished } = await readTogether(database, {
        open: unsafeOpenScreeningPart(patientId),
        // The current instrument only when none is in progress: that one's own is read with it.
        current: oneOf(INSTRUMENT_COLUMNS, (q) =>
          q
            .from(questionnaires)
            .where(
              and(
                eq(questionnaires.url, SCREENING_INSTRUMENT),
                eq(questionnaires.status, "active"),
                notExists(inProgressScreening(patientId)),
              ),
            )
            .orderBy(desc(questionnaires.createdAt)),
        ),
        last: oneOf({ completedAt: questionnaireResponses.completedAt }, (q) =>
          q
            .from(questionnaireResponses)
            .where(
              and(
                eq(questionnaireResponses.patientId, patientId),
                eq(questionnaireResponses.status, "completed"),
              ),
            )
            .orderBy(desc(questionnaireResponses.completedAt)),
        ),
        finished: options.finished ? unsafeFinishedPart(patientId, options.finished) : nothing(null),
      });
      const inProgress = open ? toOpenScreening(open, options.language) : null;
      if (!inProgress && !current)
        throw new Error("The screening instrument is not installed: run the migrations.");
      const instrument =
        inProgress?.instrument ?? localizeInstrument(toInstrumentRow(current!), options.language);
      return {
        canWrite: can(SCREENING_PERMISSIONS.portal.write),
        instrument,
        inProgress: inProgress ? (({ instrument: _, ...rest }) => rest)(inProgress) : null,
        lastCompletedAt: last?.completedAt ?? null,
        finished: toFinished(finished),
      };
    },
    "portal.screening",
  );
}
