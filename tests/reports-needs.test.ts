import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents, needs } from "@/db/schema";
import type { Actor } from "@/lib/authz";
import { NotFoundError } from "@/lib/errors";
import {
  type EquityReport,
  getEquityReport,
  REPORT_TABLE_IDS,
  type ReportTable,
  reportPeriod,
  tableToCsv,
} from "@/lib/reports";
import { expectDatabaseError } from "./support/database-errors";
import { actorFor, createPatient, createUser } from "./support/factories";
import { createService, findNeed, referNeed } from "./support/needs-and-referrals";
import { noon, seedNeedsCohorts } from "./support/needs-cohorts";
import { fromCsv, fromPage } from "./support/report-publications";

/**
 * Issue 18 part 5: needs found, referrals completed and days to meet a need in the equity report,
 * by the same groups and with the same suppression as its concerns and rights tables, on the page
 * and in the CSV files (the cohorts: tests/support/needs-cohorts.ts). The differencing attack on
 * them is in reports-needs-differencing.test.ts.
 */

// The CSV route runs as whoever `session.actor` is, without Auth.js's cookies.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", async (original) => {
  const real = await original<typeof import("@/lib/auth/current-user")>();
  const { redirect } = await import("next/navigation");
  return { ...real, requireActor: async () => session.actor ?? redirect("/login") };
});
const { GET: csvRoute } = await import("@/app/(portal)/reports/csv/route");

const Q2 = reportPeriod(2025, 2);
let advocate: Actor;
let q2: EquityReport;

beforeAll(async () => {
  const user = await createUser("advocate");
  advocate = actorFor(user);
  await seedNeedsCohorts(user.id);
  q2 = await getEquityReport(advocate, Q2, { fresh: true });
});

const table = (report: EquityReport, id: string): ReportTable =>
  [...report.needs, ...report.referrals, ...report.needsMet].find((t) => t.id === id)!;
const shown = (t: ReportTable) => t.rows.map((r) => [r.label, r.suppressed ? null : r.items]);

describe("needs and referrals in the equity report", () => {
  it("counts needs found, referrals ended and completed, and days to meet a need in the period", () => {
    expect(q2.totals).toMatchObject({
      needsFound: 19,
      referralsEnded: 15,
      referralsCompleted: 13,
      needsMet: 14,
      // 2, 3, 3, 4, 5, 6, 8 | 10, 10, 12, 15, 16, 20, 25
      needMetMedianDays: 9,
    });
    // The control group, shown: 8 patients, 11 needs; the last evening of June counts, July does not.
    expect(table(q2, "needs-by-language").rows[0]).toMatchObject({
      label: "English",
      patients: 8,
      items: 11,
    });
    expect(table(q2, "referrals-by-language").rows[0]).toMatchObject({ label: "English", items: 8, done: 6 });
    expect(table(q2, "needs-met-by-language").rows[0]).toMatchObject({
      label: "English",
      patients: 7,
      items: 7,
      medianDays: 8,
    });
    expect(table(q2, "needs-by-ethnicity").rows).toEqual([
      expect.objectContaining({ label: "Hispanic or Latino", patients: 6, items: 6, suppressed: false }),
      expect.objectContaining({ label: "Not recorded", patients: 10, items: 13, suppressed: false }),
    ]);
    expect(table(q2, "needs-met-by-ethnicity").rows.map((r) => [r.label, r.items, r.medianDays])).toEqual([
      ["Hispanic or Latino", 5, 15],
      ["Not recorded", 9, 6],
    ]);
    expect(table(q2, "referrals-by-ethnicity").rows.map((r) => [r.label, r.items, r.done])).toEqual([
      ["Hispanic or Latino", 5, 5],
      ["Not recorded", 10, 8],
    ]);
  });

  it("suppresses a small group, and the next smallest with it when the total would give it away", () => {
    // Vietnamese (2 patients) is small; hidden alone, the total less English would be its count.
    for (const kind of ["needs", "referrals", "needs-met"])
      for (const dimension of ["language", "age", "race"]) {
        const t = table(q2, `${kind}-by-${dimension}`);
        expect(
          t.rows.filter((r) => !r.suppressed).map((r) => r.patients),
          t.id,
        ).toEqual([kind === "needs-met" ? 7 : 8]);
        expect(
          t.rows.filter((r) => r.suppressed),
          t.id,
        ).toHaveLength(2);
      }
    expect(shown(table(q2, "needs-by-language"))).toEqual([
      ["English", 11],
      ["Spanish", null],
      ["Vietnamese", null],
    ]);
    const hidden = table(q2, "needs-met-by-language").rows.find((r) => r.label === "Vietnamese")!;
    expect(hidden).toMatchObject({ items: 0, patients: 0, done: 0, medianDays: null, suppressed: true });
    // By kind of need: transportation (2) and utilities (1) are small and hold 3 needs between
    // them, so housing (6) is hidden too; rows keep the fixed order of the kinds of need.
    expect(shown(table(q2, "needs-by-category"))).toEqual([
      ["Housing instability", null],
      ["Food", 10],
      ["Transportation", null],
      ["Utilities", null],
    ]);
    expect(table(q2, "needs-by-category").title).toBe("Needs found by kind of need");
  });

  it("withholds a table with one small group, and reports no period that has not ended", async () => {
    const q1 = await getEquityReport(advocate, reportPeriod(2025, 1));
    expect(q1.totals.needsFound).toBe(1);
    expect(table(q1, "needs-by-language")).toMatchObject({ withheld: true, rows: [] });
    expect(tableToCsv(table(q1, "needs-by-language"), q1.period)).toContain("withheld");
    const coordinator = actorFor(await createUser("coordinator"));
    await expect(getEquityReport(coordinator, Q2)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("gives the CSV route the new tables, with the page's figures and nothing more", async () => {
    expect(REPORT_TABLE_IDS).toEqual(
      expect.arrayContaining(["needs-by-language", "referrals-by-category", "needs-met-by-age"]),
    );
    session.actor = advocate;
    const csv = async (id: string) =>
      (await csvRoute(new Request(`http://localhost/reports/csv?table=${id}&year=2025&quarter=2`))).text();
    const met = (await csv("needs-met-by-language")).trim().split("\r\n");
    expect(met.slice(1)).toEqual([
      '"Preferred language","Patients","Needs met","Median days to meet"',
      '"English","7","7","8.0"',
      '"Spanish","suppressed","",""',
      '"Vietnamese","suppressed","",""',
    ]);
    const ended = (await csv("referrals-by-language")).trim().split("\r\n");
    expect(ended[1]).toBe(
      '"Preferred language","Patients","Referrals ended","Completed","Completed of ended (%)"',
    );
    expect(ended[2]).toBe('"English","8","8","6","75"');
    for (const t of [...q2.needs, ...q2.referrals, ...q2.needsMet]) {
      expect(await csv(t.id)).toBe(tableToCsv(t, Q2));
      for (const measure of t.kind === "needs" ? (["items"] as const) : (["items", "done"] as const))
        expect(fromCsv(q2, t, measure), t.id).toEqual(fromPage(q2, t, measure));
    }
    const downloads = await db()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report.csv"), eq(auditEvents.actorUserId, advocate.userId)));
    expect(downloads.map((d) => (d.details as { table: string }).table)).toContain("needs-met-by-language");
    // A table the report does not have, and an actor without read:reports: not found.
    await expect(csv("needs-by-domain")).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });
    session.actor = actorFor(await createUser("coordinator"));
    await expect(csv("needs-by-language")).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });
  });
});

describe("seeding needs and referrals straight into the tables", () => {
  it("meets a need through a completed referral only after the referral completed", async () => {
    const user = await createUser("advocate");
    const need = await findNeed(user.id, (await createPatient()).id, "food", noon("2024-02-01"));
    const met = {
      status: "met" as const,
      metAt: noon("2024-02-05"),
      metReason: "referral-completed" as const,
    };
    await expectDatabaseError(db().update(needs).set(met).where(eq(needs.id, need.id)), {
      code: "23514",
      trigger: "needs_workflow",
    });
    await referNeed(user.id, await createService(user.id), need, "completed", noon("2024-02-05"));
    const [row] = await db().select({ status: needs.status }).from(needs).where(eq(needs.id, need.id));
    expect(row).toEqual({ status: "met" });
  });
});
