import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Element, Questionnaire, QuestionnaireItem } from "fhir/r4";
import type { Executor } from "@/db/client";
import { FHIR_EXTENSIONS, type ScoringRule } from "@/db/instruments/types";
import { questionnaires } from "@/db/schema";
import type { WrittenLanguage } from "@/lib/written-language";
import { ScreeningAnswerError } from "./errors";

export type { ScoringRule } from "@/db/instruments/types";

/** An instrument as stored: its FHIR Questionnaire and its scoring rules. */
export interface InstrumentRow {
  id: string;
  url: string;
  version: string;
  title: string;
  resource: Questionnaire;
  scoring: ScoringRule[];
}

/** One question (or words between questions) in the reader's language, its options coded. */
export interface ScreeningItem {
  linkId: string;
  kind: "single" | "multiple" | "display";
  /** The number the instrument prints before it ("7"), none for words between questions. */
  number: string | null;
  text: string;
  required: boolean;
  options: { code: string; label: string; exclusive: boolean }[];
}

export interface LocalizedInstrument {
  id: string;
  url: string;
  version: string;
  title: string;
  language: WrittenLanguage;
  items: ScreeningItem[];
}

/**
 * The instrument by its row id (a response's), or the newest active version of a url. Reads no
 * policy: an instrument's words are no one's record.
 */
export async function unsafeReadInstrument(
  executor: Executor,
  which: { id: string } | { url: string },
): Promise<InstrumentRow | null> {
  const [row] = await executor
    .select(INSTRUMENT_COLUMNS)
    .from(questionnaires)
    .where(
      "id" in which
        ? eq(questionnaires.id, which.id)
        : and(eq(questionnaires.url, which.url), eq(questionnaires.status, "active")),
    )
    .orderBy(desc(questionnaires.createdAt))
    .limit(1);
  return row ? toInstrumentRow(row) : null;
}

/** An instrument's columns, for a select or a part of a page's one statement. */
export const INSTRUMENT_COLUMNS = {
  id: questionnaires.id,
  url: questionnaires.url,
  version: questionnaires.version,
  title: questionnaires.title,
  resource: questionnaires.resource,
  scoring: questionnaires.scoring,
};

/** The row with its JSON typed as the migrations install it. */
export function toInstrumentRow(
  row: Omit<InstrumentRow, "resource" | "scoring"> & { resource: unknown; scoring: unknown },
): InstrumentRow {
  return { ...row, resource: row.resource as Questionnaire, scoring: row.scoring as ScoringRule[] };
}

/** A string in the language asked for: its `translation` extension, else the text as written. */
function inLanguage(text: string | undefined, element: Element | undefined, language: string): string {
  const translation = element?.extension?.find(
    (e) =>
      e.url === FHIR_EXTENSIONS.translation &&
      e.extension?.some((part) => part.url === "lang" && part.valueCode === language),
  );
  return translation?.extension?.find((part) => part.url === "content")?.valueString ?? text ?? "";
}

/** The questions the instrument asks, flat, in order. */
function itemsOf(resource: Questionnaire): QuestionnaireItem[] {
  return (resource.item ?? []).flatMap((item) =>
    item.type === "group" ? itemsOf({ ...resource, item: item.item }) : [item],
  );
}

/** The instrument's words in one language, for a page to show. */
export function localizeInstrument(row: InstrumentRow, language: WrittenLanguage): LocalizedInstrument {
  const r = row.resource;
  return {
    id: row.id,
    url: row.url,
    version: row.version,
    title: inLanguage(r.title ?? row.title, r._title, language),
    language,
    items: itemsOf(r).map((item) => ({
      linkId: item.linkId,
      kind: item.type === "display" ? "display" : item.repeats ? "multiple" : "single",
      number: item.prefix ?? null,
      text: inLanguage(item.text, item._text, language),
      required: item.required === true,
      options: (item.answerOption ?? []).map((o) => ({
        code: o.valueCoding?.code ?? "",
        label: inLanguage(o.valueCoding?.display, o.valueCoding?._display, language),
        exclusive:
          o.extension?.some((e) => e.url === FHIR_EXTENSIONS.optionExclusive && e.valueBoolean) ?? false,
      })),
    })),
  };
}

/**
 * The answer to one question as the instrument allows it: codes it offers, one for a single
 * choice, an exclusive option ("None of the above") alone. Returns the codes in the instrument's
 * order; refuses anything else with a ScreeningAnswerError.
 */
export function checkAnswer(row: InstrumentRow, linkId: string, codes: readonly string[]): string[] {
  const item = itemsOf(row.resource).find((i) => i.linkId === linkId && i.type !== "display");
  if (!item) throw new ScreeningAnswerError("unknown-question", []);
  const offered = (item.answerOption ?? []).map((o) => o.valueCoding?.code ?? "");
  const chosen = offered.filter((code) => codes.includes(code));
  const number = item.prefix ?? linkId;
  if (codes.length === 0) throw new ScreeningAnswerError("empty", [number]);
  if (chosen.length !== new Set(codes).size) throw new ScreeningAnswerError("unknown-option", [number]);
  if (!item.repeats && chosen.length > 1) throw new ScreeningAnswerError("one-only", [number]);
  const exclusive = (item.answerOption ?? [])
    .filter((o) => o.extension?.some((e) => e.url === FHIR_EXTENSIONS.optionExclusive && e.valueBoolean))
    .map((o) => o.valueCoding?.code);
  if (chosen.length > 1 && chosen.some((code) => exclusive.includes(code)))
    throw new ScreeningAnswerError("exclusive", [number]);
  return chosen;
}

/** The required questions with no answer yet: their linkIds and the numbers the instrument prints. */
export function unansweredRequired(
  row: InstrumentRow,
  answers: Record<string, string[]>,
): { linkId: string; number: string }[] {
  return itemsOf(row.resource)
    .filter((i) => i.type !== "display" && i.required && !answers[i.linkId]?.length)
    .map((i) => ({ linkId: i.linkId, number: i.prefix ?? i.linkId }));
}
