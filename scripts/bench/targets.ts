/**
 * The benchmark's table and issue 19's targets, each measured against the floor page of the same
 * run (times on a shared machine move by a quarter between runs; ratios in one run do not).
 */

/** One page's figures in one run. */
export interface Row {
  page: string;
  path: string;
  as: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  ratioToFloor: number | null;
  ratioToLimit: number | null;
  sqlStatements: number | null;
  htmlBytes: number;
  rscBytes: number | null;
  clientJsGzipBytes: number | null;
  errors: number;
}

export const TARGETS = {
  /** Throughput, as a share of the floor's. */
  minRatioToFloor: 0.5,
  /** p95 over the floor's p95, at several connections. */
  maxP95ToFloor: 2,
  /** p50 over the floor's p50, at one connection (what one person feels). */
  maxP50ToFloorAtOne: 5,
  maxSqlStatements: 6,
  maxHtmlBytes: 60 * 1024,
  /** The project's own gzipped JavaScript beyond the framework's runtime (the floor page loads only that). */
  maxOwnJsGzipBytes: 10 * 1024,
  maxRssBytes: 400 * 1024 * 1024,
};

const kb = (n: number | null) => (n === null ? "–" : (n / 1024).toFixed(1));
const ratio = (n: number | null) => (n === null ? "–" : n.toFixed(2));

/** The page's JavaScript beyond what the floor page loads (the runtime), or null when not measured. */
export function ownJs(row: Row, floor: Row): number | null {
  if (row.clientJsGzipBytes === null || floor.clientJsGzipBytes === null) return null;
  return Math.max(0, row.clientJsGzipBytes - floor.clientJsGzipBytes);
}

export function table(rows: Row[], floor: Row): string {
  const header = [
    "page",
    "req/s",
    "p50 ms",
    "p95 ms",
    "×floor",
    "p95/floor",
    "p50/floor",
    "SQL",
    "HTML kB",
    "RSC kB",
    "own JS kB",
  ];
  const lines = rows.map((r) => [
    r.page,
    r.requestsPerSecond.toFixed(1),
    r.p50.toFixed(0),
    r.p95.toFixed(0),
    ratio(r.ratioToFloor),
    ratio(r.p95 / floor.p95),
    ratio(r.p50 / floor.p50),
    r.sqlStatements === null ? "–" : String(r.sqlStatements),
    kb(r.htmlBytes),
    kb(r.rscBytes),
    kb(ownJs(r, floor)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [format(header), widths.map((w) => "─".repeat(w)).join("  "), ...lines.map(format)].join("\n");
}

/** Every target a page missed in this run, in words. */
export function targetsMissed(rows: Row[], floor: Row, connections: number, peakRss: number): string[] {
  const misses = rows.flatMap((r) => {
    const own = ownJs(r, floor);
    return [
      ...(r.ratioToFloor !== null && r.ratioToFloor < TARGETS.minRatioToFloor
        ? [`${r.page}: ${r.ratioToFloor.toFixed(2)} of the floor (target ≥ ${TARGETS.minRatioToFloor})`]
        : []),
      ...(connections > 1 && r.p95 > TARGETS.maxP95ToFloor * floor.p95
        ? [
            `${r.page}: p95 ${r.p95.toFixed(0)} ms, ${(r.p95 / floor.p95).toFixed(1)}× the floor's (target ≤ ${TARGETS.maxP95ToFloor}×)`,
          ]
        : []),
      ...(connections === 1 && r.p50 > TARGETS.maxP50ToFloorAtOne * floor.p50
        ? [
            `${r.page}: p50 ${r.p50.toFixed(0)} ms, ${(r.p50 / floor.p50).toFixed(1)}× the floor's (target ≤ ${TARGETS.maxP50ToFloorAtOne}×)`,
          ]
        : []),
      ...(r.sqlStatements !== null && r.sqlStatements > TARGETS.maxSqlStatements
        ? [`${r.page}: ${r.sqlStatements} SQL statements (target ≤ ${TARGETS.maxSqlStatements})`]
        : []),
      ...(r.htmlBytes > TARGETS.maxHtmlBytes
        ? [`${r.page}: ${kb(r.htmlBytes)} kB of HTML (target ≤ ${kb(TARGETS.maxHtmlBytes)})`]
        : []),
      ...(own !== null && own > TARGETS.maxOwnJsGzipBytes
        ? [`${r.page}: ${kb(own)} kB of its own JavaScript (target ≤ ${kb(TARGETS.maxOwnJsGzipBytes)})`]
        : []),
      ...(r.errors ? [`${r.page}: ${r.errors} responses were not 2xx`] : []),
    ];
  });
  if (peakRss >= TARGETS.maxRssBytes)
    misses.push(
      `server RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (target < ${TARGETS.maxRssBytes / 1024 / 1024})`,
    );
  return misses;
}
