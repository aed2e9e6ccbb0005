import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { captureStatements, db } from "@/db/client";
import { auditEvents, concerns, rightsRequests } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import {
  getEquityReport,
  latestEndedQuarter,
  type ReportRow,
  readReportPeriod,
  reportPeriod,
  reportPeriodSchema,
  suppressSmallGroups,
  tableToCsv,
} from "@/lib/reports";
import { addDaysIso, zonedDate, zonedDayStart } from "@/lib/time";
import { actorFor, createPatient, createUser } from "./support/factories";

// A quarter that has ended whatever day the tests run: the report shows no other.
const quarter = reportPeriod(2025, 2);
const row = (key: string, patients: number, items = patients): ReportRow => ({
  key,
  label: key,
  items,
  patients,
  done: items,
  medianDays: 3,
  onTimeShare: 1,
  suppressed: false,
});

describe("small-group suppression", () => {
  it("hides groups under five patients, and one more when a lone hidden group could be subtracted", () => {
    expect(suppressSmallGroups([row("a", 9), row("b", 5)]).map((r) => r.suppressed)).toEqual([false, false]);
    const lone = suppressSmallGroups([row("a", 20), row("b", 7), row("c", 6), row("d", 2)]);
    expect(lone.map((r) => r.suppressed)).toEqual([false, false, true, true]);
    expect(lone[3]).toMatchObject({ items: 0, patients: 0, medianDays: null, onTimeShare: null });
    const two = suppressSmallGroups([row("a", 20), row("b", 4), row("c", 1)]);
    expect(two.map((r) => r.suppressed)).toEqual([false, true, true]);
    expect(suppressSmallGroups([row("a", 3)])[0]!.suppressed).toBe(true);
  });

  it("writes CSV a spreadsheet cannot run, suppressed groups marked", () => {
    const csv = tableToCsv(
      {
        id: "concerns-by-race",
        kind: "concerns",
        dimension: "race",
        title: "Concerns by race",
        dimensionLabel: "Race",
        withheld: false,
        rows: [row('=HYPERLINK("x")', 6), { ...row("b", 0), suppressed: true }],
      },
      reportPeriod(2026, 2),
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe('"Concerns by race, April to June 2026 (2026-04-01 to 2026-06-30)"');
    expect(lines[2]).toBe('"\'=HYPERLINK(""x"")","6","6","6","3.0","100"');
    // Not "fewer than five": a group hidden only so another cannot be subtracted is not small.
    expect(lines[3]).toBe('"b","suppressed","","","",""');
  });

  it("offers whole quarters and years that have ended, and says which field is wrong", () => {
    const today = "2026-11-27";
    expect(reportPeriodSchema(today).parse({ year: "2026", quarter: "3" })).toEqual({
      year: 2026,
      quarter: 3,
      from: "2026-07-01",
      to: "2026-09-30",
    });
    expect(reportPeriodSchema(today).parse({ year: "2024", quarter: "year" })).toMatchObject({
      from: "2024-01-01",
      to: "2024-12-31",
    });
    expect(reportPeriod(2024, 1).to).toBe("2024-03-31");
    expect(latestEndedQuarter(today)).toMatchObject({ year: 2026, quarter: 3 });
    expect(latestEndedQuarter("2026-03-31")).toMatchObject({ year: 2025, quarter: 4 });
    expect(latestEndedQuarter("2026-04-01")).toMatchObject({ year: 2026, quarter: 1 });

    const errors = (year?: string, q?: string) => readReportPeriod({ year, quarter: q }, today).errors;
    expect(errors("2026", "4")).toEqual({
      quarter: ["October to December 2026 has not ended yet. Figures are shown once a period is over."],
    });
    expect(errors("2026", "year").quarter![0]).toMatch(/^2026 has not ended yet/);
    expect(errors("2019", "1")).toEqual({ year: ["Choose a year from 2021 to 2026."] });
    expect(errors("20x6", "1")).toEqual({ year: ["Choose a year from 2021 to 2026."] });
    expect(errors("2025", "5")).toEqual({ quarter: ["Choose a quarter or the whole year."] });
    // Refused input is kept for the form; the latest quarter that has ended is shown instead.
    expect(readReportPeriod({ year: "2019", quarter: "2" }, today)).toMatchObject({
      period: { year: 2026, quarter: 3 },
      values: { year: "2019", quarter: "2" },
    });
    // Day ranges are not a period the report knows: nothing asked for, the default shown.
    expect(reportPeriodSchema(today).safeParse({ from: "2026-01-01", to: "2026-01-02" }).success).toBe(false);
  });
});

describe("the equity report", () => {
  it("works out every kind's figures in one statement, and reuses them until asked afresh", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const fresh = await captureStatements(() =>
      getEquityReport(advocate, reportPeriod(2024, 3), { fresh: true }),
    );
    // The five kinds' counts (one UNION ALL), then the audit event.
    expect(fresh.map((s) => s.query.split(" ")[0]!.replace(/^\(+/, ""))).toEqual(["select", "insert"]);
    expect(fresh[0]!.query.match(/union all/g)).toHaveLength(4);
    const kept = await captureStatements(() => getEquityReport(advocate, reportPeriod(2024, 3)));
    expect(kept.map((s) => s.query.split(" ")[0])).toEqual(["insert"]);
  });

  it("counts by category, language, race, ethnicity and age band, with medians and on-time shares", async () => {
    const advocate = actorFor(await createUser("advocate"));
    const spanish = await Promise.all(
      Array.from({ length: 6 }, () =>
        createPatient({
          preferredLanguage: "es",
          ethnicity: "Hispanic or Latino",
          dateOfBirth: "1950-03-01",
        }),
      ),
    );
    const english = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        createPatient({
          preferredLanguage: "en",
          race: i < 5 ? "White" : i === 5 ? "Asian" : "Black or African American",
          dateOfBirth: "1990-06-15",
        }),
      ),
    );
    const vietnamese = await createPatient({ preferredLanguage: "vi", dateOfBirth: "2010-01-01" });
    const received = new Date(zonedDayStart("2025-05-12").getTime() + 12 * 3_600_000);
    const day = 86_400_000;
    const concern = (patientId: string, category: "communication" | "billing-and-insurance") => ({
      patientId,
      raisedBy: "patient" as const,
      category,
      severity: "medium" as const,
      whatHappened: "Nobody called back about the bill.",
      desiredOutcome: "A call back.",
      receivedAt: received,
      acknowledgeDueAt: new Date(received.getTime() + day),
      resolveDueAt: new Date(received.getTime() + 7 * day),
      createdBy: advocate.userId,
      updatedBy: advocate.userId,
    });
    await db()
      .insert(concerns)
      .values(
        [...spanish, ...english, vietnamese].map((p, i) =>
          concern(p.id, i % 2 === 0 ? "communication" : "billing-and-insurance"),
        ),
      );
    const receivedOn = "2025-04-20";
    await db()
      .insert(rightsRequests)
      .values(
        [...spanish, ...english].map((p, i) => ({
          patientId: p.id,
          type: "access" as const,
          receivedOn,
          details: "A copy of my records.",
          dueOn: addDaysIso(receivedOn, 30),
          decision: "granted" as const,
          decidedOn: addDaysIso(receivedOn, i < 10 ? 10 : 35),
          responseSentOn: addDaysIso(receivedOn, i < 10 ? 10 : 35),
          createdBy: advocate.userId,
          updatedBy: advocate.userId,
        })),
      );

    const report = await getEquityReport(advocate, quarter);
    expect(report.totals).toMatchObject({
      concerns: 14,
      concernsResolved: 0,
      rights: 13,
      rightsAnswered: 13,
    });
    expect(report.totals.rightsOnTimeShare).toBeCloseTo(10 / 13);
    const table = (id: string) => report.concerns.concat(report.rights).find((t) => t.id === id)!;
    const byLanguage = table("concerns-by-language").rows;
    expect(byLanguage.map((r) => [r.label, r.patients, r.suppressed])).toEqual([
      ["English", 7, false],
      ["Spanish", 0, true],
      ["Vietnamese", 0, true],
    ]);
    const byRace = table("concerns-by-race").rows;
    expect(byRace.find((r) => r.label === "Not recorded")).toMatchObject({ patients: 7, suppressed: false });
    // Asian and Black or African American hold one concern each: two hidden rows adding up to 2 (the
    // total less the rows shown) would give both away, so the next smallest, White, is hidden too.
    expect(byRace.filter((r) => r.suppressed).map((r) => r.label)).toEqual([
      "Asian",
      "Black or African American",
      "White",
    ]);
    expect(
      byLanguage.find((r) => r.label === "Spanish")!.suppressed,
      "Vietnamese alone would be hidden: the next smallest is hidden with it",
    ).toBe(true);
    expect(table("concerns-by-age").rows.map((r) => r.label)).toEqual([
      "Under 18",
      "18 to 44",
      "75 and over",
    ]);
    const rightsByCategory = table("rights-by-category").rows;
    expect(rightsByCategory).toEqual([
      expect.objectContaining({ label: "Access to or a copy of records", items: 13, medianDays: 10 }),
    ]);
    expect(rightsByCategory[0]!.onTimeShare).toBeCloseTo(10 / 13);

    // Figures are reused for a few minutes; asking for them fresh counts the concern just logged.
    await db().insert(concerns).values(concern(vietnamese.id, "communication"));
    const reused = await getEquityReport(advocate, quarter);
    expect(reused.totals.concerns).toBe(14);
    expect(reused.computedAt).toEqual(report.computedAt);
    const fresh = await getEquityReport(advocate, quarter, { fresh: true });
    expect(fresh.totals.concerns).toBe(15);
    expect(fresh.computedAt.getTime()).toBeGreaterThan(report.computedAt.getTime());
    const views = await db().select().from(auditEvents).where(eq(auditEvents.action, "report.view"));
    expect(views.filter((v) => v.actorUserId === advocate.userId)).toHaveLength(3);

    const before = await getEquityReport(advocate, reportPeriod(2025, 1));
    expect(before.totals).toMatchObject({ concerns: 0, rights: 0 });
    expect(before.concerns[0]!.rows).toEqual([]);
    // The domain itself refuses a period still running, whatever its caller checked.
    const nextYear = reportPeriod(Number(zonedDate().slice(0, 4)) + 1, 1);
    await expect(getEquityReport(advocate, nextYear)).rejects.toThrow(/has not ended/);

    for (const role of ["coordinator", "patient", "admin"] as const) {
      const actor = actorFor(await createUser(role, role === "patient" ? { patientId: spanish[0]!.id } : {}));
      await expect(getEquityReport(actor, quarter)).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});
