import type { EquityReport, GroupCount, ReportTable } from "@/lib/reports";
import { tableToCsv } from "@/lib/reports";
import type { Publication } from "./differencing-attack";

// What a reader of the equity report takes away from it, as the attack's equations: from counts
// built in a test, from the page's tables, and from the CSV files.

/** A table of counts published with the given groups hidden; its total is every count's sum. */
export function publish(from: string, to: string, column: GroupCount[], hidden: Set<string>): Publication {
  return {
    from,
    to,
    rows: column.map((c) => ({ key: c.key, value: hidden.has(c.key) ? null : c.items })),
    total: column.reduce((sum, c) => sum + c.items, 0),
  };
}

export type Measure = "items" | "done" | "onTime";
/** What one table of one period publishes about one measure, as the page shows it. */
export function fromPage(report: EquityReport, table: ReportTable, measure: Measure): Publication {
  const rights = table.kind === "rights";
  const t = report.totals;
  const total = {
    items: rights ? t.rights : t.concerns,
    done: rights ? t.rightsAnswered : t.concernsResolved,
    onTime: rights ? Math.round((t.rightsOnTimeShare ?? 0) * t.rightsAnswered) : null,
  }[measure];
  const value = (r: ReportTable["rows"][number]) =>
    r.suppressed
      ? null
      : { items: r.items, done: r.done, onTime: Math.round((r.onTimeShare ?? 0) * r.done) }[measure];
  return {
    from: report.period.from,
    to: report.period.to,
    rows: table.withheld ? null : table.rows.map((r) => ({ key: r.label, value: value(r) })),
    total,
  };
}
/** The same, read back from the table's CSV file. */
export function fromCsv(report: EquityReport, table: ReportTable, measure: Measure): Publication {
  const lines = tableToCsv(table, report.period).trim().split("\r\n").slice(2);
  const cells = lines.map((l) => (JSON.parse(`[${l}]`) as string[]).map((c) => c.replace(/^'/, "")));
  const rows = cells.filter((c) => !c[0]!.startsWith("withheld"));
  const value = (c: string[]) => {
    if (c[1] === "suppressed") return null;
    const done = Number(c[3]);
    return { items: Number(c[2]), done, onTime: c[5] === "" ? 0 : Math.round((Number(c[5]) / 100) * done) }[
      measure
    ];
  };
  return {
    ...fromPage(report, table, measure),
    rows: rows.length < cells.length ? null : rows.map((c) => ({ key: c[0]!, value: value(c) })),
  };
}
