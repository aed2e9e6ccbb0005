import type { DatabaseHandle } from "../client";
import { questionnaires } from "../schema";
import { AHC_HRSN } from "./ahc-hrsn";
import type { Instrument } from "./types";

export type { Instrument, ScoringRule } from "./types";

/** The screening instruments the application carries, each a FHIR Questionnaire with its scoring. */
export const INSTRUMENTS: readonly Instrument[] = [AHC_HRSN];

/** The instrument screening pages start with. */
export const DEFAULT_INSTRUMENT_URL = AHC_HRSN.url;

/**
 * Writes each instrument version the database does not hold yet, at migrate time. A version never
 * changes once written (trigger `questionnaires_immutable`): new words or scoring are a new version.
 */
export async function installInstruments(handle: DatabaseHandle): Promise<void> {
  await handle.db
    .insert(questionnaires)
    .values(
      INSTRUMENTS.map((i) => ({
        url: i.url,
        version: i.version,
        title: i.title,
        resource: i.resource,
        scoring: i.scoring,
      })),
    )
    .onConflictDoNothing({ target: [questionnaires.url, questionnaires.version] });
}
