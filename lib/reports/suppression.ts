import { MIN_GROUP_PATIENTS, type ReportRow } from "./schemas";

// Cell suppression as public-health tables do it (docs/decisions/005-equity-report-suppression.md):
// primary suppression hides every group of fewer than MIN_GROUP_PATIENTS patients; complementary
// suppression hides more cells until no hidden one can be worked out from the totals shown, within
// one period's table (its rows add up to the period's total) and across a year (a group's four
// quarters add up to its year). Only counts that add up are at risk: items, resolved, on time.

/** One group's counts in one period's table. */
export interface GroupCount {
  key: string;
  patients: number;
  items: number;
}

/** The hidden groups of one table; withheld: no group could be shown, so none is even listed. */
export interface Hidden {
  keys: Set<string>;
  withheld: boolean;
}

const bySize = (a: GroupCount, b: GroupCount) =>
  a.patients - b.patients || a.items - b.items || a.key.localeCompare(b.key);

/**
 * Whether the hidden cells of one line (cells that add up to a total shown) keep each of them
 * unknown: none, or at least two that together are no small group themselves (their sum is the
 * total less the cells shown) and are not simply one item each (every listed group has one).
 */
function holds(hidden: GroupCount[]): boolean {
  const items = hidden.reduce((sum, c) => sum + c.items, 0);
  return hidden.length === 0 || (hidden.length >= 2 && items >= MIN_GROUP_PATIENTS && items > hidden.length);
}

export function primarySuppression(column: GroupCount[]): Set<string> {
  return new Set(column.filter((c) => c.patients < MIN_GROUP_PATIENTS).map((c) => c.key));
}

/**
 * Hides the smallest further groups of one table until its hidden cells hold against its total.
 * `eligible` limits which groups may be hidden for the purpose; when none is left, the table is
 * withheld.
 */
export function protectColumn(
  column: GroupCount[],
  hidden: Set<string>,
  eligible: (key: string) => boolean = () => true,
): Hidden {
  const keys = new Set(hidden);
  for (;;) {
    if (holds(column.filter((c) => keys.has(c.key)))) return { keys, withheld: false };
    const next = column.filter((c) => !keys.has(c.key) && eligible(c.key)).sort(bySize)[0];
    if (!next) return { keys: new Set(column.map((c) => c.key)), withheld: true };
    keys.add(next.key);
  }
}

/**
 * The hidden groups of every period of one calendar year: `quarters` (its four tables) and `year`
 * (the whole year's table, null until the year has ended). A group hidden in any quarter is hidden
 * in the year too, and a group hidden in the year has a hidden quarter: so a group's year is shown
 * only when all its quarters are, and the year adds nothing to subtract. Each quarter is fixed when
 * first shown, so the first three are protected on their own; the year and its last quarter are
 * shown together once the year ends, and the fourth quarter is where any more hiding happens.
 */
export function protectYear(
  quarters: GroupCount[][],
  year: GroupCount[] | null,
): { quarters: Hidden[]; year: Hidden | null } {
  const own = quarters.map((q) => protectColumn(q, primarySuppression(q)));
  if (year === null) return { quarters: own, year: null };
  const fourth = quarters[3]!;
  const inFourth = new Set(fourth.map((c) => c.key));
  let q4 = own[3]!;
  let y: Hidden = { keys: primarySuppression(year), withheld: false };
  for (let changed = true; changed; ) {
    q4 = protectColumn(fourth, q4.keys);
    const inQuarters = new Set([...own.slice(0, 3), q4].flatMap((h) => [...h.keys]));
    // A further group hidden in the year needs a quarter hidden with it: only the fourth can still be.
    y = protectColumn(year, new Set([...y.keys, ...inQuarters]), (key) => inFourth.has(key));
    if (y.withheld) break;
    const bare = [...y.keys].filter((key) => !inQuarters.has(key) && inFourth.has(key));
    for (const key of bare) q4.keys.add(key);
    changed = bare.length > 0;
  }
  return { quarters: [...own.slice(0, 3), q4], year: y };
}

/** One table's rows, hidden groups suppressed: their figures zeroed so no page or file can show them. */
export function applySuppression(rows: ReportRow[], hidden: Hidden): ReportRow[] {
  if (hidden.withheld) return [];
  return rows.map((r) =>
    hidden.keys.has(r.key)
      ? { ...r, items: 0, patients: 0, done: 0, medianDays: null, onTimeShare: null, suppressed: true }
      : r,
  );
}

/** One period's table on its own, every row kept: primary and complementary suppression within it. */
export function suppressSmallGroups(rows: ReportRow[]): ReportRow[] {
  return applySuppression(rows, {
    keys: protectColumn(rows, primarySuppression(rows)).keys,
    withheld: false,
  });
}
