import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import {
  type NeedDomain,
  questionnaireResponses,
  questionnaires,
  screeningResults,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { readPatientRecord } from "@/lib/records/patient-read";
import { listOf, oneOf, type PartValue, readTogether } from "@/lib/records/read-together";
import type { WrittenLanguage } from "@/lib/written-language";
import {
  INSTRUMENT_COLUMNS,
  type LocalizedInstrument,
  localizeInstrument,
  toInstrumentRow,
} from "./instrument";
import { SCREENING_INSTRUMENT, SCREENING_PERMISSIONS } from "./schemas";

/** The screening in progress: its answers so far and the version a save must name. */
export interface OpenScreening {
  id: string;
  version: number;
  language: WrittenLanguage;
  source: "patient" | "staff";
  startedAt: Date;
  answers: Record<string, string[]>;
  instrument: LocalizedInstrument;
}

/** Her screening in progress, of the current instrument: a subquery, for "in progress or not". */
export const inProgressScreening = (patientId: string) =>
  new QueryBuilder()
    .select({ id: questionnaireResponses.id })
    .from(questionnaireResponses)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireResponses.questionnaireId))
    .where(
      and(
        eq(questionnaireResponses.patientId, patientId),
        eq(questionnaireResponses.status, "in-progress"),
        eq(questionnaires.url, SCREENING_INSTRUMENT),
      ),
    );

/**
 * The patient's screening in progress with its instrument, as a part of a page's one statement.
 * Reads no policy: callers have authorised the actor for this patient.
 */
export function unsafeOpenScreeningPart(patientId: string) {
  return oneOf(
    {
      id: questionnaireResponses.id,
      version: questionnaireResponses.version,
      language: questionnaireResponses.language,
      source: questionnaireResponses.source,
      startedAt: questionnaireResponses.startedAt,
      answers: questionnaireResponses.answers,
      instrument: INSTRUMENT_COLUMNS,
    },
    (q) =>
      q
        .from(questionnaireResponses)
        .innerJoin(questionnaires, eq(questionnaires.id, questionnaireResponses.questionnaireId))
        .where(inArray(questionnaireResponses.id, inProgressScreening(patientId))),
  );
}

type OpenRead = NonNullable<PartValue<ReturnType<typeof unsafeOpenScreeningPart>>>;

/** The screening in progress in the language asked for (else its own). */
export function toOpenScreening(
  { instrument, ...open }: OpenRead,
  language?: WrittenLanguage,
): OpenScreening {
  return { ...open, instrument: localizeInstrument(toInstrumentRow(instrument), language ?? open.language) };
}

/** A finished screening as staff list it: when, who, how, and what was positive. */
export interface PastScreening {
  id: string;
  completedAt: Date;
  completedBy: string;
  source: "patient" | "staff";
  language: WrittenLanguage;
  positiveDomains: NeedDomain[];
}

const completer = alias(users, "completer");

/** Her finished screenings, newest first, each with the domains it found positive. */
function unsafePastScreeningsPart(patientId: string, limit = 50) {
  const positive = new QueryBuilder()
    .select({ domain: screeningResults.domain })
    .from(screeningResults)
    .where(
      and(eq(screeningResults.responseId, questionnaireResponses.id), eq(screeningResults.positive, true)),
    );
  return listOf(
    {
      id: questionnaireResponses.id,
      completedAt: questionnaireResponses.completedAt,
      completedBy: completer.name,
      source: questionnaireResponses.source,
      language: questionnaireResponses.language,
      positiveDomains: sql<NeedDomain[]>`array(${positive})`,
    },
    (q) =>
      q
        .from(questionnaireResponses)
        .innerJoin(completer, eq(completer.id, questionnaireResponses.completedBy))
        .where(
          and(
            eq(questionnaireResponses.patientId, patientId),
            eq(questionnaireResponses.status, "completed"),
          ),
        )
        .orderBy(desc(questionnaireResponses.completedAt))
        .limit(limit),
  );
}

export interface ScreeningPage {
  canWrite: boolean;
  /** The language to ask in unless staff choose another: hers when the portal speaks it. */
  defaultLanguage: WrittenLanguage;
  inProgress: (OpenScreening & { english: LocalizedInstrument | null }) | null;
  past: PastScreening[];
}

/** Staff: the screening in progress (with the English beside a Spanish one) and every finished one; audited. */
export async function getScreeningPage(actor: Actor, patientId: string) {
  return readPatientRecord(
    actor,
    SCREENING_PERMISSIONS.staff.read,
    patientId,
    async ({ database, can, language }): Promise<ScreeningPage> => {
      const { open, past } = await readTogether(database, {
        open: unsafeOpenScreeningPart(patientId),
        past: unsafePastScreeningsPart(patientId),
      });
      const inProgress = open ? toOpenScreening(open) : null;
      const english =
        open && inProgress?.language !== "en"
          ? localizeInstrument(toInstrumentRow(open.instrument), "en")
          : null;
      return {
        canWrite: can(SCREENING_PERMISSIONS.staff.write),
        defaultLanguage: language.defaultLanguage,
        inProgress: inProgress ? { ...inProgress, english } : null,
        past: past.map((r) => ({ ...r, completedAt: r.completedAt! })),
      };
    },
    (result) => ({ action: "screening.read", details: { shown: result.past.length } }),
  );
}
