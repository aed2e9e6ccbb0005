import type { EquityReport, GroupCount, ReportKind, ReportTable } from "@/lib/reports";
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
/** The headline totals of each kind of table, as the page shows them (null: not shown). */
function totalOf(t: EquityReport["totals"], kind: ReportKind): Record<Measure, number | null> {
  return {
    concerns: { items: t.concerns, done: t.concernsResolved, onTime: null },
    rights: {
      items: t.rights,
      done: t.rightsAnswered,
      onTime: Math.round((t.rightsOnTimeShare ?? 0) * t.rightsAnswered),
    },
    needs: { items: t.needsFound, done: null, onTime: null },
    referrals: { items: t.referralsEnded, done: t.referralsCompleted, onTime: null },
    "needs-met": { items: t.needsMet, done: t.needsMet, onTime: null },
  }[kind];
}

/** What one table of one period publishes about one measure, as the page shows it. */
export function fromPage(report: EquityReport, table: ReportTable, measure: Measure): Publication {
  const total = totalOf(report.totals, table.kind)[measure];
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
/**
 * The same, read back from the table's CSV file by its column headings: the count after Patients,
 * the count done (resolved, answered, completed; every need met is done), and the share on time.
 */
export function fromCsv(report: EquityReport, table: ReportTable, measure: Measure): Publication {
  const parse = (l: string) => (JSON.parse(`[${l}]`) as string[]).map((c) => c.replace(/^'/, ""));
  const [, header, ...lines] = tableToCsv(table, report.period).trim().split("\r\n").map(parse);
  const column = (name: RegExp) => header!.findIndex((h) => name.test(h));
  const doneAt = table.kind === "needs-met" ? 2 : column(/^(Resolved|Answered|Completed)$/);
  const onTimeAt = column(/ on time \(%\)$/);
  const rows = lines.filter((c) => !c[0]!.startsWith("withheld"));
  const value = (c: string[]) => {
    if (c[1] === "suppressed") return null;
    const done = Number(c[doneAt]);
    const onTime = c[onTimeAt] === "" ? 0 : Math.round((Number(c[onTimeAt]) / 100) * done);
    return { items: Number(c[2]), done, onTime }[measure];
  };
  return {
    ...fromPage(report, table, measure),
    rows: rows.length < lines.length ? null : rows.map((c) => ({ key: c[0]!, value: value(c) })),
  };
}
