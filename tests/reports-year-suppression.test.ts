import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GroupCount, protectYear, QUARTERS, reportPeriod } from "@/lib/reports";
import { differencingAttack } from "./support/differencing-attack";
import { publish } from "./support/report-publications";

/**
 * The year's suppression on any counts, not only the ones seeded in reports-differencing.test.ts:
 * whatever the groups' sizes quarter by quarter, the differencing attack on the four quarters and
 * the year finds nothing. (reports-differencing.test.ts shows the same attack finding small groups in
 * naive counts, so a pass here means something.)
 */
const quarters = QUARTERS.map((q) => reportPeriod(2024, q));
const year = reportPeriod(2024, null);

describe("the year's suppression, on any counts", () => {
  // Up to six groups over four quarters, each group's patients in the year between its largest
  // quarter and all of them added up (the same patient can come back).
  const group = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 })
    .chain((items) =>
      fc.tuple(
        fc.constant(items),
        fc.tuple(...items.map((i) => fc.integer({ min: Math.min(i, 1), max: i }))),
      ),
    )
    .chain(([items, patients]) => {
      const most = Math.max(...patients);
      const sum = patients.reduce((s, p) => s + p, 0);
      return fc.tuple(fc.constant(items), fc.constant(patients), fc.integer({ min: most, max: sum }));
    });

  it("leaves nothing to subtract", () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (groups) => {
        const column = (q: number | null): GroupCount[] =>
          groups.flatMap(([items, patients, yearly], g) => {
            const n = q === null ? items.reduce((s, i) => s + i, 0) : items[q]!;
            const p = q === null ? yearly : patients[q]!;
            return n > 0 ? [{ key: `g${g}`, items: n, patients: p }] : [];
          });
        const hidden = protectYear(
          QUARTERS.map((q) => column(q - 1)),
          column(null),
        );
        const pubs = [...quarters, year].map((p, i) => {
          const h = i < 4 ? hidden.quarters[i]! : hidden.year!;
          const pub = publish(p.from, p.to, column(i < 4 ? i : null), h.keys);
          return h.withheld ? { ...pub, rows: null } : pub;
        });
        expect(differencingAttack(pubs)).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });
});
