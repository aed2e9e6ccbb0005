import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import {
  type NeedDomain,
  questionnaireResponses,
  questionnaires,
  screeningResults,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { unsafeReadLanguageNeed } from "@/lib/patients/language";
import { readPatientRecord } from "@/lib/records/patient-read";
import type { WrittenLanguage } from "@/lib/written-language";
import { type LocalizedInstrument, localizeInstrument, unsafeReadInstrument } from "./instrument";
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

/**
 * The patient's screening in progress with the current instrument, in the language asked for
 * (else its own). Reads no policy: callers have authorised the actor for this patient.
 */
export async function unsafeOpenScreening(
  executor: Executor,
  patientId: string,
  language?: WrittenLanguage,
): Promise<OpenScreening | null> {
  const [open] = await executor
    .select({
      id: questionnaireResponses.id,
      version: questionnaireResponses.version,
      language: questionnaireResponses.language,
      source: questionnaireResponses.source,
      startedAt: questionnaireResponses.startedAt,
      answers: questionnaireResponses.answers,
      questionnaireId: questionnaireResponses.questionnaireId,
    })
    .from(questionnaireResponses)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireResponses.questionnaireId))
    .where(
      and(
        eq(questionnaireResponses.patientId, patientId),
        eq(questionnaireResponses.status, "in-progress"),
        eq(questionnaires.url, SCREENING_INSTRUMENT),
      ),
    )
    .limit(1);
  if (!open) return null;
  const row = await unsafeReadInstrument(executor, { id: open.questionnaireId });
  if (!row) return null;
  const { questionnaireId: _, ...rest } = open;
  return { ...rest, instrument: localizeInstrument(row, language ?? open.language) };
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

async function unsafePastScreenings(
  executor: Executor,
  patientId: string,
  limit = 50,
): Promise<PastScreening[]> {
  const rows = await executor
    .select({
      id: questionnaireResponses.id,
      completedAt: questionnaireResponses.completedAt,
      completedBy: completer.name,
      source: questionnaireResponses.source,
      language: questionnaireResponses.language,
    })
    .from(questionnaireResponses)
    .innerJoin(completer, eq(completer.id, questionnaireResponses.completedBy))
    .where(
      and(eq(questionnaireResponses.patientId, patientId), eq(questionnaireResponses.status, "completed")),
    )
    .orderBy(desc(questionnaireResponses.completedAt))
    .limit(limit);
  const positive =
    rows.length === 0
      ? []
      : await executor
          .select({ responseId: screeningResults.responseId, domain: screeningResults.domain })
          .from(screeningResults)
          .where(
            and(
              inArray(
                screeningResults.responseId,
                rows.map((r) => r.id),
              ),
              eq(screeningResults.positive, true),
            ),
          );
  return rows.map((r) => ({
    ...r,
    completedAt: r.completedAt!,
    positiveDomains: positive.filter((p) => p.responseId === r.id).map((p) => p.domain),
  }));
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
    async ({ database, can }): Promise<ScreeningPage> => {
      const [open, past, language] = await Promise.all([
        unsafeOpenScreening(database, patientId),
        unsafePastScreenings(database, patientId),
        unsafeReadLanguageNeed(database, patientId),
      ]);
      const english =
        open && open.language !== "en"
          ? localizeInstrument((await unsafeReadInstrument(database, { id: open.instrument.id }))!, "en")
          : null;
      return {
        canWrite: can(SCREENING_PERMISSIONS.staff.write),
        defaultLanguage: language.defaultLanguage,
        inProgress: open ? { ...open, english } : null,
        past,
      };
    },
    (result) => ({ action: "screening.read", details: { shown: result.past.length } }),
  );
}
