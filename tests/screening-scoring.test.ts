import { describe, expect, it } from "vitest";
import { AHC_HRSN } from "@/db/instruments/ahc-hrsn";
import type { Instrument } from "@/db/instruments/types";
import { NEED_DOMAINS, type NeedDomain } from "@/db/schema";
import { ScreeningAnswerError } from "@/lib/screening/errors";
import {
  checkAnswer,
  type InstrumentRow,
  localizeInstrument,
  unansweredRequired,
} from "@/lib/screening/instrument";
import { scoreAnswers } from "@/lib/screening/score";

// The AHC HRSN guide's thresholds, domain by domain, each on both sides of its line.

const NEVER = "LA6270-8";
const HOW_OFTEN = ["LA6270-8", "LA10066-1", "LA10082-8", "LA16644-9", "LA6482-9"]; // scores 1..5
const PROBLEMS = ["LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8", "LA32000-4", "LA32001-2"];

/** Every answer the guide reads as "no need": the baseline each case changes one thing in. */
const NONE: Record<string, string[]> = {
  "living-situation": ["LA31993-1"],
  "housing-problems": ["LA9-3"],
  "food-worry": ["LA28398-8"],
  "food-did-not-last": ["LA28398-8"],
  transportation: ["LA32-8"],
  utilities: ["LA32-8"],
  "physically-hurt": [NEVER],
  insult: [NEVER],
  threaten: [NEVER],
  "scream-or-curse": [NEVER],
};

const positives = (changes: Record<string, string[]>) =>
  scoreAnswers(AHC_HRSN, { ...NONE, ...changes })
    .filter((r) => r.positive)
    .map((r) => r.domain);

/** The safety questions answered with these scores (1 never … 5 frequently). */
const safety = (...scores: number[]) =>
  Object.fromEntries(
    ["physically-hurt", "insult", "threaten", "scream-or-curse"].map((id, k) => [
      id,
      [HOW_OFTEN[scores[k]! - 1]!],
    ]),
  );

const row: InstrumentRow = { id: "ahc", ...AHC_HRSN };

describe("AHC HRSN scoring, as the guide scores it", () => {
  it("finds nothing in the baseline, and scores every core domain", () => {
    const results = scoreAnswers(AHC_HRSN, NONE);
    expect(results.map((r) => r.domain)).toEqual([
      "housing-instability",
      "housing-quality",
      "food",
      "transportation",
      "utilities",
      "safety",
    ]);
    expect(results.filter((r) => r.positive)).toEqual([]);
    expect(results.find((r) => r.domain === "safety")).toMatchObject({ score: 4, urgent: false });
  });

  it("living situation: answers 2 and 3 are housing instability, 1 is not", () => {
    expect(positives({ "living-situation": ["LA31993-1"] })).toEqual([]);
    expect(positives({ "living-situation": ["LA31994-9"] })).toEqual(["housing-instability"]);
    expect(positives({ "living-situation": ["LA31995-6"] })).toEqual(["housing-instability"]);
  });

  it("housing quality: any problem is positive, “none of the above” is not", () => {
    expect(positives({ "housing-problems": ["LA9-3"] })).toEqual([]);
    for (const problem of PROBLEMS)
      expect(positives({ "housing-problems": [problem] })).toEqual(["housing-quality"]);
    expect(positives({ "housing-problems": ["LA31996-4", "LA28580-1"] })).toEqual(["housing-quality"]);
  });

  it("food: never/never is negative; often or sometimes on either question is positive", () => {
    expect(positives({})).toEqual([]);
    expect(positives({ "food-worry": ["LA6729-3"] })).toEqual(["food"]);
    expect(positives({ "food-did-not-last": ["LA6729-3"] })).toEqual(["food"]);
    expect(positives({ "food-worry": ["LA28397-0"], "food-did-not-last": ["LA28397-0"] })).toEqual(["food"]);
  });

  it("transportation: yes is positive, no is not", () => {
    expect(positives({ transportation: ["LA33-6"] })).toEqual(["transportation"]);
    expect(positives({ transportation: ["LA32-8"] })).toEqual([]);
  });

  it("utilities: yes and already shut off are positive, no is not", () => {
    expect(positives({ utilities: ["LA33-6"] })).toEqual(["utilities"]);
    expect(positives({ utilities: ["LA32002-0"] })).toEqual(["utilities"]);
    expect(positives({ utilities: ["LA32-8"] })).toEqual([]);
  });

  it("safety: a sum of 10 is negative, 11 is positive and urgent; the sum is the score", () => {
    const at = (...scores: number[]) => scoreAnswers(AHC_HRSN, { ...NONE, ...safety(...scores) })[5]!;
    expect(at(3, 3, 2, 2)).toMatchObject({ domain: "safety", positive: false, score: 10, urgent: false });
    expect(at(1, 1, 4, 4)).toMatchObject({ positive: false, score: 10 });
    expect(at(3, 3, 3, 2)).toMatchObject({ domain: "safety", positive: true, score: 11, urgent: true });
    expect(at(5, 1, 1, 4)).toMatchObject({ positive: true, score: 11 });
    expect(at(5, 5, 5, 5)).toMatchObject({ positive: true, score: 20 });
    // Only the safety rule is urgent, whatever else is positive.
    const all = scoreAnswers(AHC_HRSN, { ...NONE, transportation: ["LA33-6"], utilities: ["LA33-6"] });
    expect(all.filter((r) => r.urgent)).toEqual([]);
  });

  it("takes another instrument's rules as data, with no code", () => {
    const other: Instrument = {
      url: "urn:test:other",
      version: "1",
      title: "Other",
      resource: {
        resourceType: "Questionnaire",
        url: "urn:test:other",
        version: "1",
        status: "active",
        item: [
          {
            linkId: "a",
            type: "choice",
            answerOption: [1, 2, 3].map((n) => ({
              valueCoding: { code: `c${n}` },
              extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: n }],
            })),
          },
          {
            linkId: "b",
            type: "choice",
            answerOption: [{ valueCoding: { code: "yes" } }, { valueCoding: { code: "no" } }],
          },
        ],
      },
      scoring: [
        { domain: "financial-strain", kind: "sum-at-least", items: ["a"], threshold: 2 },
        { domain: "employment", kind: "any-of", items: ["b"], codes: ["yes"] },
      ],
    };
    const found = (answers: Record<string, string[]>) =>
      scoreAnswers(other, answers)
        .filter((r) => r.positive)
        .map((r) => r.domain);
    expect(found({ a: ["c1"], b: ["no"] })).toEqual([]);
    expect(found({ a: ["c2"], b: ["yes"] })).toEqual(["financial-strain", "employment"]);
    for (const rule of AHC_HRSN.scoring) expect(NEED_DOMAINS).toContain(rule.domain satisfies NeedDomain);
  });
});

describe("the instrument as data", () => {
  it("carries every question and answer in English and, in the translation extension, Spanish", () => {
    const en = localizeInstrument(row, "en");
    const es = localizeInstrument(row, "es");
    const questions = en.items.filter((i) => i.kind !== "display");
    expect(questions.map((i) => i.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(en.items[0]!.text).toBe("What is your living situation today?");
    expect(es.items[0]!.text).toBe("¿Cuál es su situación de vivienda hoy?");
    en.items.forEach((item, k) => {
      const spanish = es.items[k]!;
      expect(spanish.text, item.linkId).not.toBe(item.text);
      item.options.forEach((o, j) => {
        expect(spanish.options[j]!.code).toBe(o.code);
        // "No" is "No" in both: every other answer reads differently in Spanish.
        if (o.label !== "No") expect(spanish.options[j]!.label, `${item.linkId} ${o.code}`).not.toBe(o.label);
      });
    });
    expect(en.items.find((i) => i.linkId === "housing-problems")).toMatchObject({ kind: "multiple" });
    expect(en.items.find((i) => i.linkId === "housing-problems")!.options.filter((o) => o.exclusive)).toEqual(
      [{ code: "LA9-3", label: "None of the above", exclusive: true }],
    );
  });

  it("accepts only answers it offers: one for a single choice, “none of the above” alone", () => {
    expect(checkAnswer(row, "housing-problems", ["LA28580-1", "LA31996-4"])).toEqual([
      "LA31996-4",
      "LA28580-1",
    ]);
    const refusal = (linkId: string, codes: string[]) => {
      try {
        checkAnswer(row, linkId, codes);
      } catch (error) {
        expect(error).toBeInstanceOf(ScreeningAnswerError);
        return (error as ScreeningAnswerError).reason;
      }
      return "accepted";
    };
    expect(refusal("housing-problems", ["LA9-3", "LA28580-1"])).toBe("exclusive");
    expect(refusal("living-situation", ["LA31993-1", "LA31994-9"])).toBe("one-only");
    expect(refusal("living-situation", ["LA6270-8"])).toBe("unknown-option");
    expect(refusal("safety-intro", ["LA6270-8"])).toBe("unknown-question");
    expect(refusal("transportation", [])).toBe("empty");
    expect(refusal("transportation", ["LA33-6"])).toBe("accepted");
  });

  it("names the required questions not answered yet by their numbers", () => {
    expect(unansweredRequired(row, NONE)).toEqual([]);
    const { transportation: _, insult: __, ...some } = NONE;
    expect(unansweredRequired(row, { ...some, utilities: [] })).toEqual([
      { linkId: "transportation", number: "5" },
      { linkId: "utilities", number: "6" },
      { linkId: "insult", number: "8" },
    ]);
  });
});
