import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { DIMENSIONS, getEquityReport, QUARTERS, reportPeriod } from "@/lib/reports";
import { countNeedsYear } from "@/lib/reports/need-figures";
import { differencingAttack } from "./support/differencing-attack";
import { actorFor, createUser } from "./support/factories";
import { seedNeedsCohorts } from "./support/needs-cohorts";
import { fromCsv, fromPage, publish } from "./support/report-publications";

/**
 * Needs found, referrals ended and needs met (issue 18 part 5) against the differencing attack of
 * tests/reports-differencing.test.ts: a reader who keeps every table of 2025's quarters and its
 * year, from the page and the CSV files, learns no group below five. The same attack on the same
 * counts unsuppressed finds one, so it can fail.
 */
let advocate: Actor;

beforeAll(async () => {
  const user = await createUser("advocate");
  advocate = actorFor(user);
  await seedNeedsCohorts(user.id);
});

describe("needs and referrals against the differencing attack", () => {
  const periods = [...QUARTERS.map((q) => reportPeriod(2025, q)), reportPeriod(2025, null)];

  it("finds the small group in the same counts unsuppressed (the control)", async () => {
    const raw = await countNeedsYear(2025);
    const pubs = periods.map((p) => {
      const column = raw.needs.filter((r) => r.dimension === "language" && r.quarter === p.quarter);
      return publish(p.from, p.to, column, new Set());
    });
    expect(differencingAttack(pubs)).toContainEqual(
      expect.objectContaining({ group: "vi", from: "2025-04-01", value: 2 }),
    );
  });

  it("learns no small group from every table of 2025's quarters and the year, page and CSV", async () => {
    const reports = await Promise.all(periods.map((p) => getEquityReport(advocate, p)));
    const found: unknown[] = [];
    for (const kind of ["needs", "referrals", "needsMet"] as const)
      for (const d of DIMENSIONS)
        for (const measure of kind === "referrals" ? (["items", "done"] as const) : (["items"] as const))
          for (const read of [fromPage, fromCsv]) {
            const pubs = reports.map((r) => read(r, r[kind].find((t) => t.dimension === d.key)!, measure));
            for (const disclosure of differencingAttack(pubs, measure === "items"))
              if (measure === "items" || disclosure.how === "suppressed cell worked out")
                found.push({ table: `${kind}-by-${d.key} ${measure} ${read.name}`, ...disclosure });
          }
    expect(found).toEqual([]);
  });
});
