import { addDaysIso } from "@/lib/time";

/**
 * The differencing attack on published tables of counts, as a reader with every published table
 * would run it: each table is a set of linear equations over the true counts of each group on each
 * stretch of days (a published cell is the sum of its days, a hidden one says nothing, a group not
 * listed is 0, the table's total is the sum of everything). Gaussian elimination finds every count
 * those equations pin down. A disclosure is a hidden cell worked out, or a group's count over some
 * stretch of days worked out to be between 1 and 4.
 */

/** What one published table says about one count (concerns, resolved, on time) in one period. */
export interface Publication {
  /** First and last day of the period (ISO dates). */
  from: string;
  to: string;
  /** The groups listed, value null where suppressed; null when the table lists no groups. */
  rows: { key: string; value: number | null }[] | null;
  /** The total shown for the period, which every table of it adds up to; null if none is shown. */
  total: number | null;
}

export interface Disclosure {
  group: string;
  from: string;
  to: string;
  value: number;
  how: "suppressed cell worked out" | "small group by subtraction" | "suppressed cells are all ones";
}

const SMALL = 5;
const OTHERS = "(never listed)";
const EPS = 1e-9;

export function differencingAttack(publications: Publication[], listedAtLeastOne = true): Disclosure[] {
  const bounds = [...new Set(publications.flatMap((p) => [p.from, addDaysIso(p.to, 1)]))].sort();
  const atoms = bounds.slice(0, -1).map((from, i) => ({ from, to: addDaysIso(bounds[i + 1]!, -1) }));
  const atomsOf = (p: { from: string; to: string }) =>
    atoms.flatMap((a, i) => (a.from >= p.from && a.to <= p.to ? [i] : []));
  const groups = [...new Set(publications.flatMap((p) => p.rows?.map((r) => r.key) ?? [])), OTHERS];
  const width = atoms.length * groups.length;
  const variable = (atom: number, group: number) => atom * groups.length + group;
  const cell = (p: { from: string; to: string }, group: number) => {
    const v = new Array<number>(width).fill(0);
    for (const a of atomsOf(p)) v[variable(a, group)] = 1;
    return v;
  };

  // Known: [coefficients, value].
  const known: [number[], number][] = [];
  for (const p of publications) {
    if (p.total !== null) {
      const v = new Array<number>(width).fill(0);
      for (const a of atomsOf(p)) for (let g = 0; g < groups.length; g++) v[variable(a, g)] = 1;
      known.push([v, p.total]);
    }
    if (p.rows === null) continue;
    groups.forEach((key, g) => {
      const row = p.rows!.find((r) => r.key === key);
      if (!row) known.push([cell(p, g), 0]);
      else if (row.value !== null) known.push([cell(p, g), row.value]);
    });
  }
  const pivots = eliminate(known);
  const solve = (target: number[]): number | null => {
    const t = [...target];
    let value = 0;
    for (const [row, rhs, col] of pivots) {
      const f = t[col]!;
      if (Math.abs(f) < EPS) continue;
      for (let i = 0; i < width; i++) t[i]! -= f * row[i]!;
      value += f * rhs;
    }
    return t.every((x) => Math.abs(x) < EPS) ? Math.round(value) : null;
  };

  const found: Disclosure[] = [];
  for (const p of publications)
    for (const r of p.rows ?? []) {
      if (r.value !== null) continue;
      const value = solve(cell(p, groups.indexOf(r.key)));
      if (value !== null) found.push({ group: r.key, ...p, value, how: "suppressed cell worked out" });
      const hidden = p.rows!.filter((x) => x.value === null);
      const rest = p.total === null ? null : p.total - p.rows!.reduce((s, x) => s + (x.value ?? 0), 0);
      if (listedAtLeastOne && rest === hidden.length)
        found.push({ group: r.key, ...p, value: 1, how: "suppressed cells are all ones" });
      if (listedAtLeastOne && rest !== null && rest >= 1 && rest < SMALL && r === hidden[0])
        found.push({
          group: hidden.map((x) => x.key).join(" + "),
          ...p,
          value: rest,
          how: "small group by subtraction",
        });
    }
  // The same along a group's row: a period whose parts are published too (a year and its quarters).
  for (const whole of publications) {
    const parts = publications.filter(
      (p) => p !== whole && p.rows && p.from >= whole.from && p.to <= whole.to,
    );
    const covered = parts.flatMap((p) => atomsOf(p)).sort((a, b) => a - b);
    if (!whole.rows || covered.join() !== atomsOf(whole).join()) continue;
    for (const r of whole.rows) {
      const cells = parts.map((p) => p.rows!.find((x) => x.key === r.key));
      const hidden = cells.filter((c) => c && c.value === null);
      const rest = (r.value ?? Number.NaN) - cells.reduce((s, c) => s + (c?.value ?? 0), 0);
      if (listedAtLeastOne && hidden.length > 0 && rest === hidden.length)
        found.push({ group: r.key, ...whole, value: 1, how: "suppressed cells are all ones" });
    }
  }
  groups.slice(0, -1).forEach((key, g) => {
    for (let i = 0; i < atoms.length; i++)
      for (let j = i; j < atoms.length; j++) {
        const stretch = { from: atoms[i]!.from, to: atoms[j]!.to };
        const value = solve(cell(stretch, g));
        if (value !== null && value >= 1 && value < SMALL)
          found.push({ group: key, ...stretch, value, how: "small group by subtraction" });
      }
  });
  return found;
}

/** Reduced row echelon form: each kept row with its value and pivot column. */
function eliminate(equations: [number[], number][]): [number[], number, number][] {
  const rows: [number[], number, number][] = [];
  for (const [coefficients, value] of equations) {
    const v = [...coefficients];
    let rhs = value;
    for (const [row, r, col] of rows) {
      const f = v[col]!;
      if (Math.abs(f) < EPS) continue;
      for (let i = 0; i < v.length; i++) v[i]! -= f * row[i]!;
      rhs -= f * r;
    }
    const col = v.findIndex((x) => Math.abs(x) > EPS);
    if (col === -1) continue;
    const scale = v[col]!;
    for (let i = 0; i < v.length; i++) v[i]! /= scale;
    rhs /= scale;
    // Keep the form reduced: clear the new pivot from the rows before it.
    for (const kept of rows) {
      const f = kept[0][col]!;
      if (Math.abs(f) < EPS) continue;
      for (let i = 0; i < v.length; i++) kept[0][i]! -= f * v[i]!;
      kept[1] -= f * rhs;
    }
    rows.push([v, rhs, col]);
  }
  return rows;
}
