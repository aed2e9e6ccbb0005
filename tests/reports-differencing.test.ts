import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { concerns, rightsRequests } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import {
  DIMENSIONS,
  type GroupCount,
  getEquityReport,
  primarySuppression,
  protectColumn,
  QUARTERS,
  type ReportPeriod,
  reportPeriod,
} from "@/lib/reports";
import { addDaysIso, zonedDayStart } from "@/lib/time";
import { type Disclosure, differencingAttack } from "./support/differencing-attack";
import { actorFor, createPatient, createUser } from "./support/factories";
import { fromCsv, fromPage, publish } from "./support/report-publications";

/**
 * The equity report against the differencing attack (issue 13, item 9): a reader who keeps every
 * table of every period the report offers, adjacent and overlapping, page and CSV alike, and adds
 * and subtracts them, learns no group of fewer than five. The same attack against naive counts
 * built here, arbitrary day ranges and per-table suppression only, does find them: it can fail.
 */

// Who raised concerns when: Spanish speakers are many in three quarters of 2024 and two in the
// last, two of them on 1 July; Vietnamese and Chinese speakers are few all year.
const COHORTS: { language: string; patients: number; days: string[] }[] = [
  {
    language: "en",
    patients: 8,
    days: ["2024-02-10", "2024-05-10", "2024-08-10", "2024-11-10", "2025-02-10"],
  },
  { language: "es", patients: 6, days: ["2024-01-20"] },
  { language: "es", patients: 6, days: ["2024-04-20"] },
  { language: "es", patients: 2, days: ["2024-07-01"] },
  { language: "es", patients: 4, days: ["2024-08-20"] },
  { language: "es", patients: 2, days: ["2024-10-20"] },
  { language: "es", patients: 6, days: ["2025-01-20"] },
  { language: "pt", patients: 5, days: ["2024-03-03", "2024-06-03", "2024-09-03", "2024-12-03"] },
  { language: "vi", patients: 1, days: ["2024-05-05"] },
  { language: "zh", patients: 3, days: ["2024-08-08", "2024-11-08"] },
];
const RACES = ["White", "Black or African American", "Asian", null, "White"];
const BIRTHS = ["1950-03-01", "1972-06-15", "1990-06-15", "2010-01-01"];
const CATEGORIES = [
  "communication",
  "billing-and-insurance",
  "access-and-delays",
  "quality-of-care",
] as const;
const DAY = 86_400_000;

/** Every concern seeded: its patient's language and the day received. */
const received: { patient: string; language: string; day: string }[] = [];
let advocate: Actor;

beforeAll(async () => {
  advocate = actorFor(await createUser("advocate"));
  let n = 0;
  for (const cohort of COHORTS)
    for (let i = 0; i < cohort.patients; i++, n++) {
      const patient = await createPatient({
        preferredLanguage: cohort.language,
        race: RACES[n % RACES.length],
        ethnicity: cohort.language === "es" ? "Hispanic or Latino" : n % 2 ? "Not Hispanic or Latino" : null,
        dateOfBirth: BIRTHS[n % BIRTHS.length],
      });
      for (const [k, day] of cohort.days.entries()) {
        received.push({ patient: patient.id, language: cohort.language, day });
        const at = new Date(zonedDayStart(day).getTime() + 12 * 3_600_000);
        await db()
          .insert(concerns)
          .values({
            patientId: patient.id,
            raisedBy: "patient",
            category: CATEGORIES[(n + k) % CATEGORIES.length]!,
            severity: "medium",
            whatHappened: "Nobody called back.",
            desiredOutcome: "A call back.",
            receivedAt: at,
            acknowledgeDueAt: new Date(at.getTime() + DAY),
            resolveDueAt: new Date(at.getTime() + 7 * DAY),
            resolvedAt: (n + k) % 2 ? new Date(at.getTime() + ((n + k) % 3 ? 3 : 10) * DAY) : null,
            createdBy: advocate.userId,
            updatedBy: advocate.userId,
          });
        if (k > 0) continue;
        const on = addDaysIso(day, 5);
        await db()
          .insert(rightsRequests)
          .values({
            patientId: patient.id,
            type: n % 3 ? "access" : "amendment",
            receivedOn: on,
            details: "A copy of my records.",
            dueOn: addDaysIso(on, 30),
            decision: n % 2 ? "granted" : null,
            decidedOn: n % 2 ? addDaysIso(on, n % 4 ? 10 : 40) : null,
            responseSentOn: n % 2 ? addDaysIso(on, n % 4 ? 10 : 40) : null,
            createdBy: advocate.userId,
            updatedBy: advocate.userId,
          });
      }
    }
});

/** Naive counts by language over any day range, straight from what was seeded. */
function countLanguages(from: string, to: string): GroupCount[] {
  const inRange = received.filter((r) => r.day >= from && r.day <= to);
  return [...new Set(inRange.map((r) => r.language))].map((key) => {
    const own = inRange.filter((r) => r.language === key);
    return { key, items: own.length, patients: new Set(own.map((r) => r.patient)).size };
  });
}
const quarters2024 = QUARTERS.map((q) => reportPeriod(2024, q));
const year2024 = reportPeriod(2024, null);

describe("the differencing attack, against naive counts (the controls)", () => {
  it("finds the small groups of unsuppressed quarters", () => {
    const found = differencingAttack(
      quarters2024.map((p) => publish(p.from, p.to, countLanguages(p.from, p.to), new Set())),
    );
    expect(found).toContainEqual(expect.objectContaining({ group: "vi", from: "2024-04-01", value: 1 }));
  });

  it("finds a day's small group from two day ranges ending a day apart, each table suppressed on its own", () => {
    const found = differencingAttack(
      ["2024-06-30", "2024-07-01"].map((to) => {
        const column = countLanguages("2024-01-01", to);
        return publish("2024-01-01", to, column, protectColumn(column, primarySuppression(column)).keys);
      }),
    );
    expect(found).toContainEqual({
      group: "es",
      from: "2024-07-01",
      to: "2024-07-01",
      value: 2,
      how: "small group by subtraction",
    });
  });

  it("finds a quarter's hidden group from the year less the other quarters, each suppressed on its own", () => {
    const found = differencingAttack(
      [...quarters2024, year2024].map((p) => {
        const column = countLanguages(p.from, p.to);
        return publish(p.from, p.to, column, protectColumn(column, primarySuppression(column)).keys);
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        group: "es",
        from: "2024-10-01",
        value: 2,
        how: "suppressed cell worked out",
      }),
    );
  });
});

describe("the differencing attack, against the equity report", () => {
  it("learns no group below five from every table and CSV of adjacent and overlapping periods", async () => {
    const periods: ReportPeriod[] = [2023, 2024, 2025].flatMap((y) => [
      ...QUARTERS.map((q) => reportPeriod(y, q)),
      reportPeriod(y, null),
    ]);
    const reports = await Promise.all(periods.map((p) => getReport(p)));
    const found: (Disclosure & { table: string })[] = [];

    for (const kind of ["concerns", "rights"] as const)
      for (const d of DIMENSIONS)
        for (const measure of ["items", "done", "onTime"] as const)
          for (const read of [fromPage, fromCsv]) {
            const pubs = reports.map((r) => read(r, r[kind].find((t) => t.dimension === d.key)!, measure));
            for (const disclosure of differencingAttack(pubs, measure === "items"))
              if (measure === "items" || disclosure.how === "suppressed cell worked out")
                found.push({ table: `${kind}-by-${d.key} ${measure} ${read.name}`, ...disclosure });
          }
    expect(found).toEqual([]);
    // The CSV files carry exactly what the page shows, no more.
    for (const r of reports)
      for (const t of [...r.concerns, ...r.rights])
        for (const measure of ["items", "done"] as const)
          expect(fromCsv(r, t, measure)).toEqual(fromPage(r, t, measure));
    // And it still shows what is safe to show: the large groups, in each quarter and in the year.
    const languages = (year: number, quarter: ReportPeriod["quarter"]) =>
      reports[periods.findIndex((p) => p.year === year && p.quarter === quarter)]!.concerns.find(
        (t) => t.dimension === "language",
      )!.rows.map((r) => [r.label, r.suppressed ? null : r.items]);
    expect(languages(2024, 1)).toEqual([
      ["English", 8],
      ["Spanish", 6],
      ["Portuguese", 5],
    ]);
    expect(languages(2024, 4)).toEqual([
      ["English", 8],
      ["Portuguese", 5],
      ["Chinese", null],
      ["Spanish", null],
    ]);
    // Spanish is hidden in a quarter, so in the year too: the year less three quarters is the fourth.
    expect(languages(2024, null)).toEqual([
      ["English", 32],
      ["Chinese", null],
      ["Portuguese", null],
      ["Spanish", null],
      ["Vietnamese", null],
    ]);
  });

  it("reports a quarter whole, whatever days a caller passes with it", async () => {
    const report = await getReport({ year: 2024, quarter: 3, from: "2024-07-01", to: "2024-07-01" });
    expect(report.period).toEqual(reportPeriod(2024, 3));
    expect(report.totals.concerns).toBe(
      received.filter((r) => r.day.startsWith("2024-0") && r.day >= "2024-07").length,
    );
  });
});

const getReport = (period: ReportPeriod) => getEquityReport(advocate, period);
